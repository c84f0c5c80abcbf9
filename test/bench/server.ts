/**
 * Starts the built server (scripts/serve.mjs) for the load test, like `test/support/server.ts` but keeping the
 * process id (its peak memory is read from `/proc/<pid>/status`).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { serveScript } from '../../scripts/build-if-stale.mjs';
import { SERVER_NODE_FLAGS } from '../../src/server-flags.ts';

export type BenchServer = {
  baseUrl: string;
  pid: number;
  log: string;
  memory(): { rssMB: number; peakMB: number };
  stop(): Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export type BenchServerOptions = {
  /** Node flags for the server process after the production ones (e.g. `--heapsnapshot-signal=SIGUSR2`). */
  nodeOptions?: string[];
  /** The server's working directory (where heap snapshots are written). */
  cwd?: string;
  /** Appends to `dataDir/server.log` instead of starting it afresh (a restart on the same data). */
  appendLog?: boolean;
  /** Extra environment variables for the server process. */
  env?: Record<string, string>;
};

/** Starts the server on `dataDir/data`, seeded from `seedFile`; waits until it answers. */
export async function startBenchServer(
  dataDir: string,
  seedFile: string,
  options: BenchServerOptions = {},
): Promise<BenchServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = join(dataDir, 'server.log');
  const logStream = createWriteStream(log, { flags: options.appendLog ? 'a' : 'w' });
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(options.nodeOptions ?? []), serveScript], {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: join(dataDir, 'data'),
      CONTENT_SEED_FILE: seedFile,
      SITE_URL: baseUrl,
      ASTRO_TELEMETRY_DISABLED: '1',
      // One load generator is one address: the search limit would otherwise refuse the load.
      RATE_LIMIT_SCALE: process.env.RATE_LIMIT_SCALE ?? '1000000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.pipe(logStream);
  server.stderr?.pipe(logStream);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server stopped at start-up; see ${log}`);
    if (Date.now() > deadline) throw new Error(`The server did not answer within 120 s; see ${log}`);
    try {
      await fetch(`${baseUrl}/robots.txt`);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const pid = server.pid as number;
  return {
    baseUrl,
    pid,
    log,
    memory() {
      const text = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
      return { rssMB: Math.round(kb('VmRSS') / 102.4) / 10, peakMB: Math.round(kb('VmHWM') / 102.4) / 10 };
    },
    async stop() {
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        await new Promise((resolve) => server.once('exit', resolve));
      }
      logStream.end();
    },
  };
}
