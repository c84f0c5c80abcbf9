/**
 * "Get directions" to a venue: links to maps sites with the venue as the destination (the
 * person's own app picks the start). A confidential venue has no address or position in any
 * public query, so it never gets a link.
 *
 * A venue's map position may be only the middle of its postcode district (partners' venues are
 * placed that way; the directory does not pretend to street precision), so Google Maps gets the
 * street address, which it finds to the door, and OpenStreetMap, whose directions take only a
 * position, gets the map position.
 */

/** A venue as public pages see it (confidential ones have no address or position). */
export type PublicVenue = {
  name: string;
  confidential: boolean;
  address?: { line1: string; line2?: string | null; city: string; postcode: string } | null;
  position?: { lat: number; lng: number } | null;
};

export type DirectionsLinks = { google: string; openStreetMap?: string };

/** Six decimal places: about 10 cm, more than any venue's position means. */
const coordinate = (value: number) => Number(value.toFixed(6)).toString();

/** Directions to a public venue with an address or a position; undefined for anything else. */
export function directionsLinks(venue: PublicVenue): DirectionsLinks | undefined {
  if (venue.confidential) return undefined;
  const position =
    venue.position && Number.isFinite(venue.position.lat) && Number.isFinite(venue.position.lng)
      ? `${coordinate(venue.position.lat)},${coordinate(venue.position.lng)}`
      : undefined;
  const street = venue.address
    ? [venue.address.line1, venue.address.city, venue.address.postcode].filter(Boolean).join(', ')
    : undefined;
  const destination = street ?? position;
  if (!destination) return undefined;
  const links: DirectionsLinks = {
    google: `https://www.google.com/maps/dir/?api=1&destination=${encodeURIComponent(destination)}`,
  };
  if (position) links.openStreetMap = `https://www.openstreetmap.org/directions?to=${encodeURIComponent(position)}`;
  return links;
}

/** "Marcus Garvey Library, 1 Philip Lane, London, N15 4JA"; undefined for a confidential venue. */
export function venueAddressText(venue: PublicVenue): string | undefined {
  if (venue.confidential || !venue.address) return undefined;
  const { line1, line2, city, postcode } = venue.address;
  return [venue.name, line1, line2, city, postcode].filter(Boolean).join(', ');
}
