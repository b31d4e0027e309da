import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { ConfigError } from "./config";
import { answerClientErrors } from "./node/client-error";
import { buildNodeDeps, loadNodeConfig } from "./node/deps-node";
import { startNodeScheduler } from "./node/scheduler";
import { hasNoListings, seedDemo } from "./node/seed-demo";

/**
 * `npm start`: migrations, HTTP and the scheduler in one process on the embedded database.
 * The only Node-specific wiring; everything else is in createApp and the jobs.
 */
async function main() {
  const config = loadNodeConfig();
  const deps = await buildNodeDeps(config);
  if (!config.isProduction && (await hasNoListings(deps))) {
    // A newcomer's first start: show real (recorded) listings rather than an empty service.
    const seeded = await seedDemo(deps);
    console.error(`Loaded ${seeded.stored} demo listings from recorded job feeds (development only; see README).`);
  }
  const app = createApp(deps);
  // Loopback by default outside production (config.host): /dev/outbox must not reach the network.
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const { mailer } = deps;
    deps.log.info("server.started", {
      host: config.host,
      port: info.port,
      mailer: mailer.name,
      scheduler: config.scheduler,
    });
    console.error(
      `\nBackend Weekly is running: ${config.publicUrl}\n` +
        (deps.outbox
          ? `Mail goes to the outbox (no RESEND_API_KEY): ${config.publicUrl}/dev/outbox\n`
          : "Mail is sent through Resend.\n"),
    );
  });
  answerClientErrors(server);
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
