// TEMPORARY dev driver (deleted before hand-off). Works around the non-async GET /tab handler.
/* eslint-disable */
const Chain = require('restify/lib/chain.js');
const add = Chain.prototype.add;
Chain.prototype.add = function (h: any) {
  if (h.length <= 2 && h.constructor.name !== 'AsyncFunction') { const f = h; h = async (a: any, b: any) => f(a, b); }
  return add.call(this, h);
};
import { DEFAULT_OPTIONS, renderReport, runBench } from './run';
const full = process.env.FULL === '1';
void runBench(full ? { ...DEFAULT_OPTIONS, stores: (process.env.STORES ?? 'sqlite,cosmos').split(',') as never, progress: (l) => console.error(l) } : { ...DEFAULT_OPTIONS, stores: (process.env.STORES ?? 'sqlite').split(',') as never, concurrencies: [1, 10], requestsAt: () => 10, repetitions: 1, scan: { groups: 20, meetings: 80 }, fanOutChannels: 10, throttledVoteRun: false, progress: (l) => console.error(l) })
  .then((r) => console.log(renderReport(r)))
  .catch((e) => { console.error(e); process.exit(1); });
