import { createApp } from "./app";
import { ConfigError } from "./config";
import { answerClientErrors } from "./node/client-error";
import { buildNodeDeps, loadNodeConfig } from "./node/deps-node";
import { bindServer } from "./node/listen";
import { startNodeScheduler } from "./node/scheduler";
import { isThisMachine, startupBanner } from "./node/startup-banner";
import { hasNoListings, seedDemo } from "./node/seed-demo";

/**
 * `npm start`: migrations, HTTP and the scheduler in one process on the embedded database.
 * The only Node-specific wiring; everything else is in createApp and the jobs.
 */
/**
 * Log lines and the banner go to stdout and stderr; when those cannot be written (a full disk
 * under `npm start > log`, a log shipper at the end of a pipe that died), the stream's error was
 * unhandled and took the whole service down with it. The lines are lost, said once on the other
 * stream if it still works; the service keeps serving.
 */
function keepServingWhenOutputFails() {
  for (const [stream, other] of [
    [process.stdout, process.stderr],
    [process.stderr, process.stdout],
  ] as const) {
    stream.once("error", (err: NodeJS.ErrnoException) => {
      stream.on("error", () => {}); // later writes to the destroyed stream fail the same way
      if (!other.destroyed) other.write(`log output failed (${err.code ?? err.message}): its lines are lost\n`);
    });
  }
}

async function main() {
  keepServingWhenOutputFails();
  const config = loadNodeConfig();
  // HOST:PORT first (loopback by default outside production: /dev/outbox must not reach the
  // network). A busy port or a bad HOST ends start-up here, naming the variable, before anything
  // is written: no database, token secret, outbox folder or demo listings behind a refusal.
  const { server, serve } = await bindServer(config);
  answerClientErrors(server);
  const deps = await buildNodeDeps(config);
  if (!config.isProduction && (await hasNoListings(deps))) {
    // A newcomer's first start: show real (recorded) listings rather than an empty service.
    const seeded = await seedDemo(deps);
    console.error(`Loaded ${seeded.stored} demo listings from recorded job feeds (development only; see README).`);
  }
  serve(createApp(deps).fetch);
  deps.log.info("server.started", {
    host: config.host,
    port: config.port,
    mailer: deps.mailer.name,
    scheduler: config.scheduler,
  });
  if (config.isProduction && isThisMachine(config.publicUrl)) {
    deps.log.warn("config.public_url_local", { publicUrl: config.publicUrl });
  }
  console.error(`\n${startupBanner(config, deps.outbox ? "outbox" : "resend").join("\n")}\n`);
  const scheduler = config.scheduler ? startNodeScheduler(deps) : undefined;
  const stop = () => {
    scheduler?.stop();
    server.close(async () => {
      await deps.background.idle();
      deps.database.client.close();
      process.exit(0);
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
