/**
 * The monitor assembled from its settings and ports: what `vigil serve --role monitor` calls.
 * It opens the sealed session, connects (through `open`, GramJS by default), and starts the loop;
 * the takedown it returns is the verdict port the process feeds with the pipeline's verdicts on
 * monitored items. A missing or signed-out session refuses to start with the one thing to do
 * about it: `vigil monitor login`.
 */
import { CallGate } from "./call-gate.js";
import type { MonitorClient } from "./client.js";
import { MonitorError } from "./errors.js";
import type { EvidenceStore } from "./evidence.js";
import { loadGramJs } from "./gramjs-loader.js";
import { MonitorHealth } from "./health.js";
import type { IngestPort } from "./ingest-port.js";
import { ChannelMonitor, type MonitorLog } from "./monitor.js";
import type { SessionVault, SignedInAccount } from "./session-vault.js";
import type { MonitorSettings } from "./settings.js";
import { MonitorTakedown } from "./takedown.js";
import type { WatchListStore } from "./watch-list.js";

export interface StartMonitorDeps {
  readonly settings: MonitorSettings;
  readonly vault: SessionVault;
  readonly watchList: WatchListStore;
  readonly ingest: IngestPort;
  readonly evidence: EvidenceStore;
  readonly log?: MonitorLog;
  /** Connects with a session; default: GramJS over the network. Tests pass a stand-in. */
  readonly open?: (
    options: { readonly apiId: number; readonly apiHash: string },
    session: string,
  ) => Promise<{ client: MonitorClient; account: SignedInAccount; close(): Promise<void> }>;
}

export interface RunningMonitor {
  readonly health: MonitorHealth;
  readonly monitor: ChannelMonitor;
  /** The verdict port: hand it every verdict on an item with source `monitor`. */
  readonly takedown: MonitorTakedown;
  readonly account: SignedInAccount;
  stop(): Promise<void>;
}

export async function startTelegramMonitor(deps: StartMonitorDeps): Promise<RunningMonitor> {
  const { settings } = deps;
  const session = await deps.vault.read();
  if (session === null) {
    throw new MonitorError("unauthorized", "No Telegram session yet: run `vigil monitor login`.");
  }
  const open = deps.open ?? (await loadGramJs()).openGramJsMonitor;
  const connection = await open({ apiId: settings.apiId, apiHash: settings.apiHash }, session);
  const health = new MonitorHealth();
  health.signedIn(
    connection.account.username ? `@${connection.account.username}` : connection.account.id,
  );
  const gate = new CallGate({
    callsPerMinute: settings.callsPerMinute,
    maxFloodWaitSeconds: settings.maxFloodWaitSeconds,
    onFloodWait: (kind, seconds) => {
      health.floodWait(kind, seconds);
      deps.log?.warn({ call: kind, seconds }, "Telegram asked the monitor to wait.");
    },
  });
  const monitor = new ChannelMonitor({
    client: connection.client,
    watchList: deps.watchList,
    ingest: deps.ingest,
    health,
    gate,
    historyPosts: settings.historyPosts,
    historyDays: settings.historyDays,
    pollSeconds: settings.pollSeconds,
    maxMediaBytes: settings.maxMediaBytes,
    ...(deps.log ? { log: deps.log } : {}),
  });
  const takedown = new MonitorTakedown({
    client: connection.client,
    gate,
    evidence: deps.evidence,
    watchList: deps.watchList,
    health,
    report: settings.report,
    keepMedia: settings.keepMedia,
    maxMediaBytes: settings.maxMediaBytes,
    organisation: settings.organisation,
    ...(deps.log ? { log: deps.log } : {}),
  });
  monitor.start();
  return {
    health,
    monitor,
    takedown,
    account: connection.account,
    async stop() {
      await monitor.stop();
      await connection.close();
    },
  };
}
