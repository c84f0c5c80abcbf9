/** Starts the built Signpost server on a free port, for page and browser tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { serveScript } from '../../scripts/build-if-stale.mjs';

export type RunningServer = {
  baseUrl: string;
  log: string;
  stop(): Promise<void>;
  /** Sends a signal (e.g. SIGKILL, to test durability) and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** The process's exit code once it has ended (null while running or if a signal ended it). */
  exitCode(): number | null;
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

async function waitUntilAnswering(url: string, server: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server stopped at start-up; see ${log}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`The server did not answer within 60 s; see ${log}`);
}

/** Starts the server with `dataDir` as its data directory; its output goes to `dataDir/server.log`. */
export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = join(dataDir, 'server.log');
  const logStream = createWriteStream(log);
  const server = spawn(process.execPath, [serveScript], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: join(dataDir, 'data'),
      SITE_URL: baseUrl,
      ASTRO_TELEMETRY_DISABLED: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.pipe(logStream);
  server.stderr?.pipe(logStream);
  await waitUntilAnswering(`${baseUrl}/robots.txt`, server, log);
  return {
    baseUrl,
    log,
    async stop() {
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        await new Promise((resolve) => server.once('exit', resolve));
      }
      logStream.end();
    },
    exitCode: () => server.exitCode,
    async kill(signal) {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill(signal);
        await exited;
      }
      logStream.end();
    },
  };
}
