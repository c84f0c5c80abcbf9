/**
 * Re-sealing residents' contact details with the current key: values stored before encryption
 * (plain) and values sealed with an older key. Idempotent: a value already sealed with the
 * current key is left as it is. Run after every migration (createPeopleStore) and by
 * `npm run accounts -- rotate-keys` after a new key is put first in PEOPLE_DATA_KEYS.
 */
import type { FieldCipher } from '../security/encryption.ts';
import type { Db } from './repository.ts';

/** Every sealed column, by table, with the column that identifies its row. */
const SEALED = [
  { table: 'referral_contact', key: 'referral_id', columns: ['name', 'contact_value', 'outward_postcode'] },
  { table: 'feedback_contact', key: 'report_id', columns: ['email'] },
  { table: 'outbox', key: 'id', columns: ['recipient'] },
  { table: 'referral', key: 'id', columns: ['private_label'] },
] as const;

/** The sealed columns, for tools that must find sealed values (the backup's key check). */
export const SEALED_COLUMNS = SEALED;

/** Re-seals what is not sealed with the current key; returns how many values it re-sealed. */
export async function resealPeopleData(db: Db, cipher: FieldCipher): Promise<number> {
  let count = 0;
  for (const { table, key, columns } of SEALED) {
    // Untyped on purpose: one loop over tables whose sealed columns are all `text`.
    const rows = (await db
      .selectFrom(table)
      .select([key, ...columns] as never[])
      .execute()) as unknown as Record<string, string | number | null>[];
    for (const row of rows) {
      const changes: Record<string, string> = {};
      for (const column of columns) {
        const value = row[column];
        if (typeof value === 'string' && !cipher.isCurrent(value)) changes[column] = cipher.seal(cipher.open(value));
      }
      const changed = Object.keys(changes).length;
      if (changed === 0) continue;
      await db
        .updateTable(table)
        .set(changes as never)
        .where(key as never, '=', row[key] as never)
        .execute();
      count += changed;
    }
  }
  return count;
}
