// A stand-in import worker for the tests: it loads, says 'ready', then posts nothing, ever — a
// workbook being unpacked whole, for as long as the test wants.
import { parentPort } from 'node:worker_threads';

parentPort.postMessage('ready');
setInterval(() => {}, 1000);
