/**
 * A connector's referral list: the services they are gathering before making a referral.
 */
import { type Db, type RepoContext } from './repository.ts';

export function basketRepository(db: Db, ctx: RepoContext) {
  const { now } = ctx;
  const baskets = {
    /** Adds a service to a connector's referral list (once). */
    async add(userId: string, serviceId: string): Promise<void> {
      await db
        .insertInto('referral_basket')
        .values({ user_id: userId, service_id: serviceId, added_at: now() })
        .onConflict((oc) => oc.columns(['user_id', 'service_id']).doNothing())
        .execute();
    },
    async remove(userId: string, serviceId: string): Promise<void> {
      await db
        .deleteFrom('referral_basket')
        .where('user_id', '=', userId)
        .where('service_id', '=', serviceId)
        .execute();
    },
    /** The service ids on a connector's list, in the order they were added. */
    async list(userId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('referral_basket')
        .select('service_id')
        .where('user_id', '=', userId)
        .orderBy('added_at')
        .orderBy('service_id')
        .execute();
      return rows.map((r) => r.service_id);
    },
    /** Empties the list, or takes only `serviceIds` off it; returns how many were removed. */
    async clear(userId: string, serviceIds?: string[]): Promise<number> {
      let query = db.deleteFrom('referral_basket').where('user_id', '=', userId);
      if (serviceIds) {
        if (serviceIds.length === 0) return 0;
        query = query.where('service_id', 'in', serviceIds);
      }
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
  return baskets;
}
