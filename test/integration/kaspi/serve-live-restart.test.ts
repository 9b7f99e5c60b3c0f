// `kassa serve --live …` restarted (a service manager does it after a crash or a reboot) while a live
// sale is on screen: the same flags bring the till back live and the sale is read on, to paid. Flags
// naming another Kaspi identity are refused while that sale waits for Kaspi's word, and change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type KassaCore } from '../../../main/app-core.js';
import { goLive, writeLiveSettings } from '../../../main/host/serve-live.js';
import { silentLogger } from '../../../main/services/logger.js';
import { envOnlyStore } from '../../../main/services/secrets/secret-store.js';
import { errorMessage } from '../../../shared/i18n/messages.js';
import type { SimulatorServer } from '../../../main/services/kaspi/simulator/simulator-server.js';
import { SettingsService } from '../../../main/services/settings/settings-service.js';
import type { SaleView } from '../../../shared/domain.js';
import { startSim, TEST_TRADE_POINT } from '../../helpers/kaspi-sim.js';
import { cashier, startLiveCore } from '../../helpers/live-core.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { waitFor } from '../../helpers/wait-for.js';

let dir: string;
let cleanup: () => void;
let sim: SimulatorServer | null = null;
let core: KassaCore | null = null;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(async () => {
  await core?.close();
  await sim?.close();
  core = null;
  sim = null;
  cleanup();
});

async function saleOnScreenThenStopped(): Promise<SaleView> {
  sim = await startSim('r1', `${dir}/pki`, { timers: { pollIntervalS: 1 } });
  core = await startLiveCore(sim, 'r1', `${dir}/data`);
  const sale = await cashier(core, 'payments.charge', { amountTiyn: 4500 });
  expect(sale.status).toBe('qr_shown');
  await core.close();
  core = null;
  return sale;
}

async function paidAfterRestart(sale: SaleView): Promise<void> {
  sim!.control.state.core.testHook('scan', sale.qrPaymentId!);
  sim!.control.state.core.testHook('confirm', sale.qrPaymentId!);
  core = await startLiveCore(sim!, 'r1', `${dir}/data`); // the same flags as before
  expect((await cashier<{ mode: string }>(core, 'settings.get')).mode).toBe('live');
  const paid = await waitFor(async () => {
    const s = await cashier(core!, 'payments.get', { saleId: sale.id });
    return s.status === 'paid' && s;
  });
  expect(paid.orderNumber).toBe('000001');
}

describe('kassa serve --live restarted', () => {
  it('with the same flags but the key gone from the environment: refused as not set up, not "live" with every charge failing', async () => {
    sim = await startSim('r1', `${dir}/pki`);
    core = await startLiveCore(sim, 'r1', `${dir}/data`);
    await core.close();
    const flags = { scheme: 'r1', kaspiUrl: sim.url, tradePoint: TEST_TRADE_POINT, deviceId: 'POS-IT_1', kaspiCa: sim.pki!.caCertPath };
    expect(writeLiveSettings(`${dir}/data`, flags)).toBeNull();
    core = await startCore({ dataDir: `${dir}/data`, transport: 'http', version: 'test', secrets: envOnlyStore, env: {}, log: silentLogger });
    expect(await goLive(core, TEST_TRADE_POINT)).toBe(errorMessage('en', 'live_not_ready', { missing: 'api_key' }));
  });

  it('a --bin that is no BIN is refused, whatever the scheme (it would make the same flags look like another till)', () => {
    const flags = { scheme: 'r1', kaspiUrl: 'https://mtokentest.kaspi.kz:8543', tradePoint: TEST_TRADE_POINT };
    expect(writeLiveSettings(`${dir}/data`, { ...flags, bin: '12345' })).toMatch(/--bin/);
    expect(writeLiveSettings(`${dir}/data`, { ...flags, bin: '200340001238' })).toBeNull();
    expect(new SettingsService(`${dir}/data`).get().kaspi.organizationBin).toBe('200340001238');
    expect(writeLiveSettings(`${dir}/data`, { ...flags, bin: '200340001238' })).toBeNull();
  });
});

describe('kassa serve --live restarted under a live sale', () => {
  it('the same flags: live again at once, and the sale the buyer paid meanwhile is recorded', async () => {
    await paidAfterRestart(await saleOnScreenThenStopped());
  });

  it('flags naming another Kaspi address, trade point or device are refused while the sale waits, and change nothing', async () => {
    const sale = await saleOnScreenThenStopped();
    const data = `${dir}/data`;
    const before = new SettingsService(data).get();
    const same = { scheme: 'r1', kaspiUrl: sim!.url, tradePoint: TEST_TRADE_POINT, deviceId: 'POS-IT_1', kaspiCa: sim!.pki!.caCertPath };
    for (const other of [{ kaspiUrl: 'https://mtokentest.kaspi.kz:8543' }, { deviceId: 'POS-OTHER' }, { tradePoint: '4200002' }]) {
      expect(writeLiveSettings(data, { ...same, ...other })).toMatch(/still waiting for Kaspi/);
    }
    expect(new SettingsService(data).get()).toEqual(before);
    await paidAfterRestart(sale);
  });
});
