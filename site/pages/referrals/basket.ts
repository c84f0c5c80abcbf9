import type { APIRoute } from 'astro';
import { access } from '@src/accounts/viewer';
import { MAX_ACTIVITIES, REFERRABLE_STATUSES } from '@src/referrals';
import { people } from '../../server/context';
import { directory, localPath, uuidOf } from '../../server/referrals';
import { signInPath } from '../../server/access';

/**
 * A connector's referral list: `action=add|remove`, `serviceId`, `return` (a path on this site).
 * Only service ids are kept, in the people store under the connector's account; nothing about
 * a resident. Sends the connector back where they were (303), or to `/referrals/new`.
 */
export const POST: APIRoute = async ({ request, locals, redirect }) => {
  const form = await request.formData().catch(() => new FormData());
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const back = localPath(field('return'), '/referrals/new');
  const decision = access(locals.viewer ?? null, 'connector');
  if (decision === 'sign-in') return redirect(signInPath(back.split('#')[0]!), 303);
  if (decision !== 'ok') return new Response('Only community connectors make referrals.', { status: 403 });
  const viewer = locals.viewer!;
  const serviceId = uuidOf(field('serviceId'));
  if (!serviceId) return new Response('Choose an activity.', { status: 400 });
  const { store } = await people();
  if (field('action') === 'remove') {
    await store.baskets.remove(viewer.userId, serviceId);
    return redirect(back, 303);
  }
  const [service] = await directory.services([serviceId]);
  if (!service || !REFERRABLE_STATUSES.includes(service.status) || !service.organisation) {
    return new Response('That activity cannot take referrals.', { status: 400 });
  }
  const list = await store.baskets.list(viewer.userId);
  if (!list.includes(serviceId) && list.length >= MAX_ACTIVITIES) return redirect('/referrals/new?full=1', 303);
  await store.baskets.add(viewer.userId, serviceId);
  return redirect(back, 303);
};

/** GET never changes anything: the list is on the referral page. */
export const GET: APIRoute = ({ redirect }) => redirect('/referrals/new', 303);
