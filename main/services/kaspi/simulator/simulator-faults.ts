// Fault injection: per route pattern, the next N calls (or all) are slowed down and/or answered
// with a chosen StatusCode, an HTTP 5xx, malformed JSON, or a dropped connection. With stage "after"
// the real handler runs first (a purchase gets created) and only then the answer goes wrong — the
// "Kaspi created it but the answer was lost" case. Set by `--fault` and `POST /_sim/faults`.
import { z } from 'zod';

export const faultRuleSchema = z
  .object({
    /** "qr/create", "payment/status/*" (matched after /rN/v0M/), or a full path "/r2/v01/**". */
    route: z.string().min(1).max(200),
    method: z.string().regex(/^[A-Za-z]+$/).optional(),
    /** How many matching calls get the fault; omitted or null = every call until cleared. */
    times: z.number().int().positive().nullish(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
    fault: z.enum(['status', 'http', 'malformed', 'drop']).optional(),
    statusCode: z.number().int().optional(),
    message: z.string().max(500).optional(),
    httpStatus: z.number().int().min(400).max(599).optional(),
    httpBody: z.enum(['html', 'envelope', 'empty']).optional(),
    /** before (default): instead of the handler; after: once the handler ran and changed state. */
    stage: z.enum(['before', 'after']).optional(),
  })
  .strict()
  .refine((r) => r.fault !== 'status' || r.statusCode !== undefined, { message: 'fault "status" needs statusCode' })
  .refine((r) => r.fault !== undefined || r.delayMs !== undefined, { message: 'a rule needs a fault or a delayMs' });

export type FaultRule = z.infer<typeof faultRuleSchema>;

export interface ActiveFault extends FaultRule {
  id: number;
  /** Calls left (null = unlimited). */
  remaining: number | null;
  hits: number;
}

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}$`);
}

export class FaultBook {
  private rules: (ActiveFault & { re: RegExp })[] = [];
  private lastId = 0;

  add(rules: FaultRule[], replace = false): ActiveFault[] {
    if (replace) this.rules = [];
    for (const rule of rules) {
      this.lastId += 1;
      this.rules.push({ ...rule, id: this.lastId, remaining: rule.times ?? null, hits: 0, re: patternToRegExp(rule.route) });
    }
    return this.list();
  }

  list(): ActiveFault[] {
    return this.rules.map(({ re: _re, ...rule }) => ({ ...rule }));
  }

  clear(): void {
    this.rules = [];
  }

  /** Consumes the first rule matching this call (in the order they were added). */
  take(method: string, path: string, endpoint: string | null): ActiveFault | null {
    const index = this.rules.findIndex(
      (r) =>
        (r.method === undefined || r.method.toUpperCase() === method.toUpperCase()) &&
        (r.route.startsWith('/') ? r.re.test(path) : endpoint !== null && r.re.test(endpoint)),
    );
    if (index < 0) return null;
    const rule = this.rules[index]!;
    rule.hits += 1;
    if (rule.remaining !== null) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules.splice(index, 1);
    }
    const { re: _re, ...copy } = rule;
    return copy;
  }
}

/**
 * `--fault` syntax: ROUTE[,key=value...] with keys method, times, delay (ms), status (StatusCode),
 * http (5xx), body (html|envelope|empty), malformed, drop, stage (before|after), message.
 * Examples: "qr/create,status=-999,times=2"  "payment/status/*,delay=3000"  "qr/create,drop,stage=after,times=1".
 */
export function parseFaultSpec(spec: string): FaultRule {
  const [route, ...pairs] = spec.split(',');
  const raw: Record<string, unknown> = { route };
  for (const pair of pairs) {
    const [key, value] = pair.split('=', 2) as [string, string | undefined];
    const num = () => {
      const n = Number(value);
      if (value === undefined || !Number.isInteger(n)) throw new Error(`--fault ${spec}: ${key} needs an integer`);
      return n;
    };
    switch (key.trim()) {
      case 'method': raw.method = value; break;
      case 'times': raw.times = num(); break;
      case 'delay': raw.delayMs = num(); break;
      case 'status': raw.fault = 'status'; raw.statusCode = num(); break;
      case 'http': raw.fault = 'http'; raw.httpStatus = value === undefined ? 503 : num(); break;
      case 'body': raw.httpBody = value; break;
      case 'malformed': raw.fault = 'malformed'; break;
      case 'drop': raw.fault = 'drop'; if (value) raw.stage = value; break;
      case 'stage': raw.stage = value; break;
      case 'message': raw.message = value; break;
      default: throw new Error(`--fault ${spec}: unknown key "${key}"`);
    }
  }
  const parsed = faultRuleSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`--fault ${spec}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}
