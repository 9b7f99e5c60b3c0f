// Migration 10: mapped-CSV rows imported while the account was kept as typed ("KZ18 722S …") get the
// compact account and id a new import of the same file gives them — so importing it again adds
// nothing, and the account is one with the 1C / MT940 statements of it.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/store/database.js';
import { migrations } from '../../../main/store/migrations.js';
import { parseMappedCsv } from '../../../main/services/imports/mapped-csv-parser.js';
import { parseStatement1c } from '../../../main/services/imports/statement-1c-parser.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { SIGNED_MAPPING } from '../../unit/imports/helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const TYPED = 'KZ18 722s 0000 1234 5678';
const OWN = 'KZ18722S000012345678';
const mapping = { ...SIGNED_MAPPING, idColumn: 'Номер', account: TYPED };

describe('migration 10', () => {
  it('compacts the account of stored mapped-CSV rows and their ids, as a new import would write them', async () => {
    const file = join(dir, 'kassa.db');
    const before = openDatabase(file, migrations.filter((m) => m.version < 10));
    const insert = before.prepare(
      `INSERT INTO statement_rows (batch_id, source, external_id, line, date, amount_tiyn, account) VALUES (1, ?, ?, 2, '2025-03-01', 1627500, ?)`,
    );
    insert.run('csv', `csv|${TYPED}|id|77`, TYPED); // as the earlier version stored it
    insert.run('csv', 'csv|KZ18722S000012345678|id|78', 'KZ18722S000012345678'); // already compact
    insert.run('csv', 'csv|unspecified|id|79', 'unspecified');
    insert.run('1c', `1c|KZ18722S000012345678|5|2025-03-01|100`, 'KZ18722S000012345678');
    insert.run('csv', 'csv|Каспи счёт|id|80', 'Каспи счёт'); // beyond what SQL can compact exactly: left as it was
    insert.run('csv', 'csv|KZ18\u2009722S|id|81', 'KZ18\u2009722S');
    before.close();

    const db = openDatabase(file);
    const rows = db.prepare('SELECT source, external_id, account FROM statement_rows ORDER BY id').all();
    db.close();
    expect(rows).toEqual([
      { source: 'csv', external_id: 'csv|KZ18722S000012345678|id|77', account: 'KZ18722S000012345678' },
      { source: 'csv', external_id: 'csv|KZ18722S000012345678|id|78', account: 'KZ18722S000012345678' },
      { source: 'csv', external_id: 'csv|unspecified|id|79', account: 'unspecified' },
      { source: '1c', external_id: '1c|KZ18722S000012345678|5|2025-03-01|100', account: 'KZ18722S000012345678' },
      { source: 'csv', external_id: 'csv|Каспи счёт|id|80', account: 'Каспи счёт' },
      { source: 'csv', external_id: 'csv|KZ18\u2009722S|id|81', account: 'KZ18\u2009722S' },
    ]);
    // the id a new import of that row gives
    const parsed = await parseMappedCsv(new TextEncoder().encode('Дата;Сумма;Номер\n01.03.2025;16275,00;77\n'), mapping);
    expect(parsed.ok && parsed.rows[0]!.externalId).toBe('csv|KZ18722S000012345678|id|77');
  });

  it('leaves a row whose compact id is already stored (the file imported both ways)', () => {
    const file = join(dir, 'kassa.db');
    const before = openDatabase(file, migrations.filter((m) => m.version < 10));
    const insert = before.prepare(
      `INSERT INTO statement_rows (batch_id, source, external_id, line, date, amount_tiyn, account) VALUES (1, 'csv', ?, 2, '2025-03-01', 100, ?)`,
    );
    insert.run(`csv|${TYPED}|id|77`, TYPED);
    insert.run('csv|KZ18722S000012345678|id|77', 'KZ18722S000012345678');
    before.close();
    const db = openDatabase(file);
    expect((db.prepare('SELECT COUNT(*) AS n FROM statement_rows').get() as { n: number }).n).toBe(2);
    db.close();
  });
});

describe('migration 20', () => {
  it("gives stored 1C documents the id a new import gives them (the other side's account, else BIN); other rows stay", async () => {
    const file = join(dir, 'kassa.db');
    const before = openDatabase(file, migrations.filter((m) => m.version < 20));
    const insert = before.prepare(
      `INSERT INTO statement_rows (batch_id, source, external_id, line, date, amount_tiyn, account, doc_number, counterparty_account, counterparty_bin)
       VALUES (1, ?, ?, 2, '2025-03-03', 500000, '${OWN}', ?, ?, ?)`,
    );
    insert.run('1c', `1c|${OWN}|1|2025-03-03|500000`, '1', 'KZ12601A000000000001', '990140000136');
    insert.run('1c', `1c|${OWN}|2|2025-03-03|500000`, '2', null, '990140000136');
    insert.run('1c', `1c|${OWN}|3|2025-03-03|500000`, '3', null, null);
    insert.run('1c', `1c|${OWN}||2025-03-03|500000#2`, null, 'KZ12601A000000000001', null); // no number: counted, as before
    insert.run('mt940', `mt940|${OWN}|2025-03-03|500000|1`, '1', 'KZ12601A000000000001', null);
    before.close();
    const db = openDatabase(file);
    const ids = db.prepare('SELECT external_id FROM statement_rows ORDER BY id').pluck().all();
    db.close();
    expect(ids).toEqual([
      `1c|${OWN}|1|2025-03-03|500000|KZ12601A000000000001`,
      `1c|${OWN}|2|2025-03-03|500000|990140000136`,
      `1c|${OWN}|3|2025-03-03|500000`,
      `1c|${OWN}||2025-03-03|500000#2`,
      `mt940|${OWN}|2025-03-03|500000|1`,
    ]);
    // the id a new import of the first document gives
    const text = ['1CClientBankExchange', `РасчСчет=${OWN}`, 'СекцияДокумент=Платежное поручение', 'НомерДокумента=1', 'ДатаОперации=03.03.2025',
      'ПлательщикИИК=KZ12601A000000000001', 'ПлательщикБИН_ИИН=990140000136', `ПолучательИИК=${OWN}`, 'СуммаПриход=5000.00', 'КонецДокумента'].join('\n');
    const parsed = await parseStatement1c(new TextEncoder().encode(text));
    expect(parsed.ok && parsed.rows[0]!.externalId).toBe(ids[0]);
  });
});

