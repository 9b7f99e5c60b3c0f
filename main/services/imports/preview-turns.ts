// Which preview of an upload is the newest: the manager changing the format or mapping asks again,
// and the older preview stops (superseded) rather than answering late. Turns are numbered across the
// whole service, never per upload: a per-upload count starting again after the newest preview ended
// would hand a later preview the number of an older one still reading — which would then answer, and
// on ending take the later one's place.
export interface PreviewTurn {
  /** A newer preview of the same upload has begun, or the manager chose another file instead. */
  superseded(): boolean;
  /** This preview is done (answered or failed). */
  end(): void;
}

export class PreviewTurns {
  private readonly newest = new Map<string, number>();
  private last = 0;

  /** The upload's preview, if one runs, is superseded (the manager chose another file). */
  stop(uploadId: string): void {
    this.newest.delete(uploadId);
  }

  begin(uploadId: string): PreviewTurn {
    const turn = ++this.last;
    this.newest.set(uploadId, turn);
    const superseded = () => this.newest.get(uploadId) !== turn;
    return {
      superseded,
      end: () => {
        if (!superseded()) this.newest.delete(uploadId);
      },
    };
  }
}
