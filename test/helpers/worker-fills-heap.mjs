// A stand-in import worker for the tests: it loads, says 'ready', then keeps every object it makes —
// a workbook that unpacks into more than the worker's heap — until the heap limit ends it.
import { parentPort } from 'node:worker_threads';

parentPort.postMessage('ready');
const kept = [];
for (;;) kept.push({ cell: `${kept.length}`, row: kept.length, more: [kept.length] });
