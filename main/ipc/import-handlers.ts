// The imports.* and reconcile.* channels: the manager's file imports and the three-way check.
import type { Locale } from '../../shared/domain.js';
import type { EventBus } from '../services/event-bus.js';
import type { ImportService } from '../services/imports/import-service.js';
import type { ReconcileService } from '../services/reconcile/reconcile-service.js';
import type { Handlers } from './handler-registry.js';

type ImportChannels = Extract<keyof Handlers, `imports.${string}` | `reconcile.${string}`>;

/** `locale`: the app's language now (exports are written in it). */
export function createImportHandlers(imports: ImportService, reconcile: ReconcileService, bus: EventBus, locale: () => Locale): Pick<Handlers, ImportChannels> {
  return {
    'imports.preview': (r) =>
      imports.preview(r.uploadId, { format: r.format, mapping: r.mapping, replaces: r.replaces }, (progress) => bus.emit('import.previewProgress', progress)),
    'imports.commit': (r) => {
      const { jobId } = imports.commit(r.uploadId, { format: r.format, mapping: r.mapping, acceptValid: r.acceptValid }, (progress) =>
        bus.emit('import.progress', progress),
      );
      return { jobId };
    },
    'imports.cancel': (r) => ({ cancelled: imports.cancel(r.jobId) }),
    'imports.batches': () => ({ batches: imports.batches() }),
    'imports.running': () => ({ jobs: imports.running() }),
    'imports.undo': (r) => {
      const batch = imports.undo(r.batchId);
      bus.emit('import.undone', batch);
      return batch;
    },
    'imports.undoImpact': (r) => imports.undoImpact(r.batchId),
    'imports.mappings': () => ({ mappings: imports.mappings() }),
    'imports.saveMapping': (r) => imports.saveMapping(r.name, r.mapping),
    'reconcile.run': (r) => reconcile.run(r.from, r.to, { includeDemo: r.includeDemo, status: r.status }),
    'reconcile.mark': (r) => ({ marked: reconcile.mark(r.pairIds, { includeDemo: r.includeDemo }) }),
    'reconcile.unmark': (r) => ({ unmarked: reconcile.unmark(r.pairIds) }),
    'reconcile.export': async (r) => {
      const file = await reconcile.export(r.from, r.to, r.view, r.format, locale(), { status: r.status, includeDemo: r.includeDemo });
      return { fileName: file.fileName, mimeType: file.mimeType, contentBase64: file.content.toString('base64') };
    },
  };
}
