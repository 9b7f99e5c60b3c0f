// A read's reply is not ordered against events (the event stream and the call travel apart), nor
// against a newer read of the same thing: it may bring older news than what the window already
// shows. One ReadOrder per kind of state: its events (and replies of changes) call `heard`, each read
// calls `begin` and keeps what it read only while the check it got is still true.
export class ReadOrder {
  private generation = 0;

  /** News came (an event, a change's reply): the replies of reads started before it are old. */
  heard(): void {
    this.generation++;
  }

  /** A read starts: the check says whether its reply is still the newest word (no news, no newer read since). */
  begin(): () => boolean {
    const at = ++this.generation;
    return () => this.generation === at;
  }
}
