import type { APIRoute } from 'astro';
import { serviceBySlugQuery } from '@src/queries';
import { NoUpcomingSessionsError, serviceCalendar } from '@src/schedules/ics';
import { venueAddressText } from '@src/geo/directions';
import { content } from '../../server/context';

/** The next sessions of a service as an iCalendar file, for "add to calendar". */
export const GET: APIRoute = async ({ params, locals }) => {
  const service = await (await content()).fetch(serviceBySlugQuery, { slug: params.slug ?? '' });
  if (!service) return new Response(null, { status: 404 });
  const place = service.locations.find((location) => location.address);
  let calendar: string;
  try {
    calendar = serviceCalendar(
      {
        ...service,
        id: service._id,
        url: new URL(`/services/${service.slug}`, locals.siteUrl).href,
        locationText: place?.address ? `${place.name}, ${place.address.line1}, ${place.address.postcode}` : undefined,
        // Each session at the venue it names; never a confidential venue's (it has no address here).
        locationTexts: Object.fromEntries(
          service.locations.flatMap((location) => {
            const text = venueAddressText(location);
            return text ? [[location._id, text]] : [];
          }),
        ),
      },
      new Date(),
    );
  } catch (error) {
    // A calendar file must hold at least one event: no sessions coming up means no file.
    if (error instanceof NoUpcomingSessionsError) return new Response(null, { status: 404 });
    throw error;
  }
  return new Response(calendar, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${service.slug}.ics"`,
    },
  });
};
