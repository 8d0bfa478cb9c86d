import { startRenderService, type ServiceConfig } from './service.js';

export { startRenderService, DEFAULT_CONFIG, type RenderService, type ServiceConfig } from './service.js';

export interface ServerCommandOptions extends ServiceConfig {
  port: number;
  host: string;
}

/**
 * `journeyflow server`: starts the render threads (warm), listens, and on SIGTERM or SIGINT stops
 * taking requests, finishes those in flight and exits 0.
 */
export async function runServer(opts: ServerCommandOptions, stderr: NodeJS.WritableStream): Promise<number> {
  const service = await startRenderService(opts);
  let address;
  try {
    address = await service.listen(opts.port, opts.host);
  } catch (err) {
    await service.pool.close();
    const code = (err as NodeJS.ErrnoException).code;
    stderr.write(`journeyflow: cannot listen on ${opts.host}:${opts.port}: ${code === 'EADDRINUSE' ? 'the port is in use; choose another with --port' : (err as Error).message}\n`);
    return 2;
  }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  stderr.write(`journeyflow: render service (Kroki API) at http://${host}:${address.port}/ with ${opts.threads} render thread(s)\n`);
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      stderr.write(`journeyflow: ${signal}: finishing requests in flight, taking no new ones\n`);
      void service.shutdown().then(() => { stderr.write('journeyflow: render service stopped\n'); resolve(0); });
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
}
