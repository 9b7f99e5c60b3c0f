// A stand-in import worker for the tests: it loads, says 'ready', posts one empty chunk, then
// fails — a worker that breaks while running, which must fail the parse, not be re-run here.
import { parentPort } from 'node:worker_threads';

parentPort.postMessage('ready');
parentPort.postMessage({ chunk: { values: [], rows: 0, events: [], bytesRead: 0 } });
throw new Error('worker broke while parsing');
