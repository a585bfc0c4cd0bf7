// Worker thread of bench/exchange-bench.mjs: encrypts and hashes one slice of the synthetic registry at a time and
// answers its COPY text (the crypto is most of the setup's CPU, so it is spread over the cores).
import { parentPort, workerData } from 'node:worker_threads';
import { BenchCrypto, householdRows, memberRows } from './exchange-data.mjs';

const crypto = new BenchCrypto(workerData.encryptionKey);
const { grids, firstSequence } = workerData;

parentPort.on('message', ({ id, kind, from, to, memberFrom }) => {
  try {
    const text = kind === 'households'
      ? householdRows(crypto, { from, to, memberFrom, grids, firstSequence })
      : memberRows(crypto, { from, to, memberFrom, grids });
    parentPort.postMessage({ id, text });
  } catch (error) {
    parentPort.postMessage({ id, error: error.stack ?? String(error) });
  }
});
