// The merchant side Kaspi knows about: organizations (by BIN), their trade points (created in the Kaspi
// Pay app, never via the API) and the devices registered with device/register. In memory; the seed
// matches samples/qr_api_fixtures.json. Device lookups are scoped to the caller's organization.
import { randomUUID } from 'node:crypto';
import { CODES } from './simulator-codes.js';

export interface SimTradePoint {
  id: string;
  name: string;
  address: string;
  city: string;
  /** 990000018 on purchases when true. */
  disabled?: boolean;
  /** 990000026 on register and purchases when false. */
  acceptsQr?: boolean;
}

export interface SimOrganization {
  bin: string;
  name: string;
  tradePoints: SimTradePoint[];
}

export interface SimDevice {
  deviceId: string;
  token: string;
  tradePointId: string;
  organizationBin: string;
  active: boolean;
}

export const DEFAULT_BIN = '200340001238';
/** A second organization that has no trade points yet (-14000002). */
export const EMPTY_ORG_BIN = '990140000136';

export const DEFAULT_ORGANIZATIONS: SimOrganization[] = [
  {
    bin: DEFAULT_BIN,
    name: 'ТОО «Тестовый магазин»',
    tradePoints: [
      { id: '4200001', name: 'Тестовый магазин (Абая, 1)', address: 'пр. Абая, 1', city: 'Алматы' },
      { id: '4200002', name: 'Тестовый склад', address: 'ул. Складская, 7', city: 'Алматы' },
    ],
  },
  { bin: EMPTY_ORG_BIN, name: 'ТОО «Новая точка»', tradePoints: [] },
];

export type DeviceLookup = { device: SimDevice; tradePoint: SimTradePoint } | { code: number };

export class SimWorld {
  private readonly orgs = new Map<string, SimOrganization>();
  private readonly byToken = new Map<string, SimDevice>();
  /** Active device per `${bin}/${deviceId}`. */
  private readonly byDeviceId = new Map<string, SimDevice>();

  constructor(organizations: SimOrganization[] = DEFAULT_ORGANIZATIONS) {
    for (const org of organizations) this.orgs.set(org.bin, org);
  }

  organization(bin: string): SimOrganization | null {
    return this.orgs.get(bin) ?? null;
  }

  organizations(): SimOrganization[] {
    return [...this.orgs.values()];
  }

  /** A trade point of this organization (or of any when `bin` is null). */
  tradePoint(bin: string | null, tradePointId: string): { org: SimOrganization; tradePoint: SimTradePoint } | null {
    for (const org of this.orgs.values()) {
      if (bin !== null && org.bin !== bin) continue;
      const tradePoint = org.tradePoints.find((tp) => tp.id === tradePointId);
      if (tradePoint) return { org, tradePoint };
    }
    return null;
  }

  /** device/register: idempotent for the same DeviceId and trade point. */
  register(bin: string | null, deviceId: string, tradePointId: string): { token: string } | { code: number } {
    const found = this.tradePoint(bin, tradePointId);
    if (!found) return { code: CODES.tradePointNotFound };
    if (found.tradePoint.acceptsQr === false) return { code: CODES.tradePointNoQr };
    const key = `${found.org.bin}/${deviceId}`;
    const existing = this.byDeviceId.get(key);
    if (existing) {
      return existing.tradePointId === tradePointId ? { token: existing.token } : { code: CODES.deviceOtherTradePoint };
    }
    const device: SimDevice = { deviceId, token: randomUUID(), tradePointId, organizationBin: found.org.bin, active: true };
    this.byToken.set(device.token, device);
    this.byDeviceId.set(key, device);
    return { token: device.token };
  }

  /** device/delete: -1501 for an unknown token, or one already deleted. */
  delete(bin: string | null, token: string): number {
    const device = this.byToken.get(token);
    if (!device || !device.active || (bin !== null && device.organizationBin !== bin)) return CODES.deviceNotFound;
    device.active = false;
    this.byDeviceId.delete(`${device.organizationBin}/${device.deviceId}`);
    return CODES.ok;
  }

  /**
   * The device behind a DeviceToken, for an operation: -1501 unknown (or another organization's),
   * -1502 deleted, -99000002 its trade point is gone; with `forPayment`, 990000018 / 990000026.
   */
  device(bin: string | null, token: string, forPayment = false): DeviceLookup {
    const device = this.byToken.get(token);
    if (!device || (bin !== null && device.organizationBin !== bin)) return { code: CODES.deviceNotFound };
    if (!device.active) return { code: CODES.deviceInactive };
    const found = this.tradePoint(device.organizationBin, device.tradePointId);
    if (!found) return { code: CODES.tradePointNotFound };
    if (forPayment && found.tradePoint.disabled) return { code: CODES.tradePointDisabled };
    if (forPayment && found.tradePoint.acceptsQr === false) return { code: CODES.tradePointNoQr };
    return { device, tradePoint: found.tradePoint };
  }

  devices(): SimDevice[] {
    return [...this.byToken.values()].map((d) => ({ ...d }));
  }

  /** Forgets every device (trade points stay: they belong to the merchant's app). */
  clearDevices(): void {
    this.byToken.clear();
    this.byDeviceId.clear();
  }
}
