// The till's identity at Kaspi (scheme, address, BIN) and its registration belong together: a
// registration Kaspi answers after another window changed the identity is not kept for the new one,
// and live mode is not switched on in the same breath as another identity (it has no registration).
import { describe, expect, it } from 'vitest';
import { startCore, type KassaCore } from '../../../main/app-core.js';
import { silentLogger } from '../../../main/services/logger.js';
import type { SettingsView } from '../../../shared/domain.js';
import { startSim, TEST_API_KEY, TEST_TRADE_POINT } from '../../helpers/kaspi-sim.js';
import { cashier } from '../../helpers/live-core.js';
import { memoryStore } from '../../helpers/memory-secret-store.js';
import { perTest } from '../../helpers/per-test.js';
import { snapshot } from '../../helpers/core-harness.js';

const t = perTest();

async function demoTill(kaspiUrl: string): Promise<KassaCore> {
  const core = t.closing(await startCore({ dataDir: `${t.dir}/data`, transport: 'http', version: 'test', secrets: memoryStore(), env: {}, log: silentLogger }));
  await cashier(core, 'settings.update', { kaspi: { baseUrl: kaspiUrl } });
  await cashier(core, 'secrets.setApiKey', { apiKey: TEST_API_KEY });
  return core;
}

describe("the till's Kaspi identity and its registration", () => {
  it('a registration answered after another window changed the address is refused, and not kept for the new address', async () => {
    const a = t.closing(await startSim('r1', `${t.dir}/pki-a`, { faults: [{ route: 'device/register', delayMs: 1_000 }] }));
    const b = t.closing(await startSim('r1', `${t.dir}/pki-b`));
    const core = await demoTill(a.url);
    await cashier(core, 'kaspi.setCa', { pem: a.pki!.caCertPem });
    const registering = core.invoke('kaspi.registerDevice', { tradePointId: TEST_TRADE_POINT }, 'cashier'); // window 1
    await new Promise((resolve) => setTimeout(resolve, 300));
    await cashier(core, 'settings.update', { kaspi: { baseUrl: b.url } }); // window 2, while Kaspi A thinks
    expect(await registering).toMatchObject({ ok: false, error: { code: 'kaspi_settings_changed' } });
    const view = await cashier<SettingsView>(core, 'settings.get');
    expect(view.kaspi).toMatchObject({ baseUrl: b.url, deviceRegistered: false });
    expect(view.kaspi.gaps).toContain('device');
  });

  it('live mode asked for together with another scheme is refused, writing nothing', async () => {
    const sim = t.closing(await startSim('r1', `${t.dir}/pki`));
    const core = await demoTill(sim.url);
    await cashier(core, 'kaspi.setCa', { pem: sim.pki!.caCertPem });
    await cashier(core, 'kaspi.registerDevice', { tradePointId: TEST_TRADE_POINT });
    const before = snapshot(`${t.dir}/data`);
    expect(await core.invoke('settings.update', { mode: 'live', kaspi: { scheme: 'r2' } }, 'cashier')).toMatchObject({ ok: false, error: { code: 'live_not_ready' } });
    expect(snapshot(`${t.dir}/data`)).toBe(before);
    // the same switch alone is taken: the settings are complete
    expect(await core.invoke('settings.update', { mode: 'live' }, 'cashier')).toMatchObject({ ok: true, data: { mode: 'live' } });
  });
});
