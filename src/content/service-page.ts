/** Facts a service page derives from a listing: verification stage and structured data. */
import type { ServiceBySlugResult } from '../queries/types';
import { isPastDue, verificationOf, type Verification } from '../listings/verification';

/** Where a listing stands in its verification cycle, for its page (see `src/listings/verification.ts`). */
export function verificationForPage(
  service: Pick<NonNullable<ServiceBySlugResult>, 'verifiedOn' | 'reviewEveryMonths'>,
  now: Date,
): Verification & { pastDue: boolean } {
  const verification = verificationOf(service.verifiedOn, service.reviewEveryMonths, now);
  return { ...verification, pastDue: isPastDue(verification.stage) };
}

/** schema.org JSON-LD for a service page; confidential addresses are already absent. */
export function serviceJsonLd(service: NonNullable<ServiceBySlugResult>, url: string): Record<string, unknown> {
  const places = service.locations.filter((location) => location.address);
  return {
    '@context': 'https://schema.org',
    '@type': 'Service',
    '@id': url,
    url,
    name: service.name,
    description: service.summary,
    serviceType: service.categories.map((category) => category.name),
    areaServed: service.areas.map((area) => ({
      '@type': 'AdministrativeArea',
      name: `London Borough of ${area.name}`,
    })),
    audience: {
      '@type': 'PeopleAudience',
      audienceType: service.forWhom,
      suggestedMinAge: service.ageMin,
      suggestedMaxAge: service.ageMax,
    },
    availableLanguage: service.languages,
    isAccessibleForFree: service.free,
    ...(service.free ? {} : { offers: { '@type': 'Offer', description: service.costDetails } }),
    ...(service.phone ? { telephone: service.phone } : {}),
    ...(service.email ? { email: service.email } : {}),
    ...(service.organisation
      ? {
          provider: {
            '@type': 'Organization',
            name: service.organisation.name,
            ...(service.organisation.website ? { url: service.organisation.website } : {}),
          },
        }
      : {}),
    ...(places.length > 0
      ? {
          availableChannel: places.map((location) => ({
            '@type': 'ServiceChannel',
            name: location.name,
            serviceLocation: {
              '@type': 'Place',
              name: location.name,
              address: {
                '@type': 'PostalAddress',
                streetAddress: [location.address!.line1, location.address!.line2].filter(Boolean).join(', '),
                addressLocality: location.address!.city,
                postalCode: location.address!.postcode,
                addressCountry: 'GB',
              },
              ...(location.position
                ? {
                    geo: {
                      '@type': 'GeoCoordinates',
                      latitude: location.position.lat,
                      longitude: location.position.lng,
                    },
                  }
                : {}),
            },
          })),
        }
      : {}),
    dateModified: service._updatedAt,
  };
}
