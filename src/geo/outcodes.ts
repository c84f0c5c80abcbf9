/**
 * Postcode districts (outcodes) with approximate centroids.
 *
 * Covers the eight boroughs of the North London and East London partnerships, the three council
 * areas of Bedfordshire and Luton, and the districts around them, so a resident can search by
 * outcode without a network lookup. Centroids are
 * approximate (good to a few hundred metres): enough for "about a 15-minute walk", not for
 * routing. `borough` is the borough the district mostly lies in; many districts straddle a
 * boundary (N4, N6, NW6, NW9, E2...), so never use it to decide eligibility on its own.
 */

/** One postcode district and its approximate centre. */
export type Outcode = {
  outcode: string;
  lat: number;
  lng: number;
  borough: string;
};

type Row = readonly [outcode: string, lat: number, lng: number, borough: string];

// Grouped by borough for review; order carries no meaning.
const rows: readonly Row[] = [
  // Barnet
  ['N2', 51.588, -0.166, 'Barnet'],
  ['N3', 51.601, -0.193, 'Barnet'],
  ['N11', 51.615, -0.14, 'Barnet'],
  ['N12', 51.615, -0.176, 'Barnet'],
  ['N20', 51.63, -0.172, 'Barnet'],
  ['NW4', 51.588, -0.226, 'Barnet'],
  ['NW7', 51.615, -0.235, 'Barnet'],
  ['NW9', 51.587, -0.256, 'Barnet'],
  ['NW11', 51.578, -0.195, 'Barnet'],
  ['EN4', 51.648, -0.157, 'Barnet'],
  ['EN5', 51.651, -0.205, 'Barnet'],
  ['HA8', 51.611, -0.273, 'Barnet'],
  // Enfield
  ['EN1', 51.654, -0.072, 'Enfield'],
  ['EN2', 51.662, -0.098, 'Enfield'],
  ['EN3', 51.66, -0.035, 'Enfield'],
  ['N9', 51.626, -0.058, 'Enfield'],
  ['N13', 51.619, -0.105, 'Enfield'],
  ['N14', 51.633, -0.127, 'Enfield'],
  ['N18', 51.615, -0.066, 'Enfield'],
  ['N21', 51.636, -0.1, 'Enfield'],
  // Haringey
  ['N6', 51.57, -0.148, 'Haringey'],
  ['N8', 51.584, -0.119, 'Haringey'],
  ['N10', 51.592, -0.145, 'Haringey'],
  ['N15', 51.583, -0.083, 'Haringey'],
  ['N17', 51.599, -0.068, 'Haringey'],
  ['N22', 51.601, -0.115, 'Haringey'],
  // Camden
  ['NW1', 51.534, -0.144, 'Camden'],
  ['NW3', 51.552, -0.172, 'Camden'],
  ['NW5', 51.553, -0.143, 'Camden'],
  ['NW6', 51.542, -0.197, 'Camden'],
  ['WC1A', 51.517, -0.126, 'Camden'],
  ['WC1B', 51.5185, -0.124, 'Camden'],
  ['WC1E', 51.521, -0.132, 'Camden'],
  ['WC1H', 51.525, -0.128, 'Camden'],
  ['WC1N', 51.522, -0.12, 'Camden'],
  ['WC1R', 51.5195, -0.1145, 'Camden'],
  ['WC1V', 51.518, -0.1165, 'Camden'],
  ['WC1X', 51.528, -0.116, 'Camden'],
  ['WC2A', 51.516, -0.114, 'Camden'],
  ['WC2B', 51.515, -0.121, 'Camden'],
  ['W1T', 51.52, -0.135, 'Camden'],
  ['EC1N', 51.52, -0.109, 'Camden'],
  // Islington
  ['N1', 51.538, -0.096, 'Islington'],
  ['N4', 51.57, -0.103, 'Islington'],
  ['N5', 51.554, -0.099, 'Islington'],
  ['N7', 51.553, -0.117, 'Islington'],
  ['N19', 51.566, -0.131, 'Islington'],
  ['EC1M', 51.521, -0.101, 'Islington'],
  ['EC1R', 51.525, -0.108, 'Islington'],
  ['EC1V', 51.5275, -0.0975, 'Islington'],
  ['EC1Y', 51.524, -0.091, 'Islington'],
  // Hackney
  ['E5', 51.561, -0.053, 'Hackney'],
  ['E8', 51.543, -0.066, 'Hackney'],
  ['E9', 51.544, -0.04, 'Hackney'],
  ['N16', 51.562, -0.078, 'Hackney'],
  ['EC2A', 51.523, -0.082, 'Hackney'],
  // City of London (with Hackney in the City and Hackney partnership area)
  ['EC1A', 51.5185, -0.099, 'City of London'],
  ['EC2M', 51.518, -0.081, 'City of London'],
  ['EC2N', 51.515, -0.085, 'City of London'],
  ['EC2R', 51.5145, -0.0895, 'City of London'],
  ['EC2V', 51.5155, -0.093, 'City of London'],
  ['EC2Y', 51.5195, -0.094, 'City of London'],
  ['EC3A', 51.5145, -0.079, 'City of London'],
  ['EC3M', 51.512, -0.08, 'City of London'],
  ['EC3R', 51.51, -0.083, 'City of London'],
  ['EC3V', 51.513, -0.086, 'City of London'],
  ['EC4A', 51.515, -0.107, 'City of London'],
  ['EC4M', 51.514, -0.101, 'City of London'],
  ['EC4N', 51.512, -0.092, 'City of London'],
  ['EC4R', 51.511, -0.091, 'City of London'],
  ['EC4V', 51.512, -0.099, 'City of London'],
  ['EC4Y', 51.513, -0.108, 'City of London'],
  // Newham
  ['E6', 51.528, 0.056, 'Newham'],
  ['E7', 51.547, 0.027, 'Newham'],
  ['E12', 51.55, 0.053, 'Newham'],
  ['E13', 51.527, 0.025, 'Newham'],
  ['E15', 51.54, 0.002, 'Newham'],
  ['E16', 51.509, 0.027, 'Newham'],
  ['E20', 51.543, -0.014, 'Newham'],
  // Tower Hamlets
  ['E1', 51.517, -0.058, 'Tower Hamlets'],
  ['E1W', 51.5065, -0.061, 'Tower Hamlets'],
  ['E2', 51.529, -0.062, 'Tower Hamlets'],
  ['E3', 51.528, -0.023, 'Tower Hamlets'],
  ['E14', 51.505, -0.02, 'Tower Hamlets'],
  ['EC3N', 51.511, -0.076, 'Tower Hamlets'],
  // Waltham Forest
  ['E4', 51.623, -0.003, 'Waltham Forest'],
  ['E10', 51.566, -0.017, 'Waltham Forest'],
  ['E11', 51.569, 0.01, 'Waltham Forest'],
  ['E17', 51.585, -0.019, 'Waltham Forest'],
  // Redbridge
  ['E18', 51.592, 0.026, 'Redbridge'],
  ['IG1', 51.56, 0.076, 'Redbridge'],
  ['IG2', 51.575, 0.088, 'Redbridge'],
  ['IG3', 51.562, 0.103, 'Redbridge'],
  ['IG4', 51.578, 0.055, 'Redbridge'],
  ['IG5', 51.592, 0.082, 'Redbridge'],
  ['IG6', 51.593, 0.101, 'Redbridge'],
  ['IG8', 51.608, 0.028, 'Redbridge'],
  // Barking and Dagenham
  ['IG11', 51.535, 0.086, 'Barking and Dagenham'],
  ['RM8', 51.555, 0.128, 'Barking and Dagenham'],
  ['RM9', 51.539, 0.14, 'Barking and Dagenham'],
  ['RM10', 51.54, 0.158, 'Barking and Dagenham'],
  // Essex edge (Epping Forest)
  ['IG7', 51.612, 0.098, 'Epping Forest'],
  ['IG9', 51.625, 0.045, 'Epping Forest'],
  ['IG10', 51.647, 0.062, 'Epping Forest'],
  ['EN9', 51.688, 0.009, 'Epping Forest'],
  // Hertfordshire edge
  ['EN6', 51.699, -0.184, 'Hertsmere'],
  ['WD6', 51.657, -0.274, 'Hertsmere'],
  ['WD7', 51.685, -0.315, 'Hertsmere'],
  ['WD23', 51.643, -0.355, 'Hertsmere'],
  ['EN7', 51.715, -0.055, 'Broxbourne'],
  ['EN8', 51.705, -0.03, 'Broxbourne'],
  ['EN10', 51.745, -0.02, 'Broxbourne'],
  // Harrow
  ['HA1', 51.581, -0.338, 'Harrow'],
  ['HA2', 51.57, -0.362, 'Harrow'],
  ['HA3', 51.596, -0.315, 'Harrow'],
  ['HA5', 51.595, -0.38, 'Harrow'],
  ['HA7', 51.614, -0.306, 'Harrow'],
  // Brent
  ['NW2', 51.56, -0.22, 'Brent'],
  ['NW10', 51.543, -0.253, 'Brent'],
  ['HA0', 51.545, -0.3, 'Brent'],
  ['HA9', 51.559, -0.288, 'Brent'],
  // Westminster
  ['NW8', 51.532, -0.173, 'Westminster'],
  ['W1B', 51.513, -0.138, 'Westminster'],
  ['W1D', 51.513, -0.132, 'Westminster'],
  ['W1F', 51.514, -0.136, 'Westminster'],
  ['W1G', 51.52, -0.148, 'Westminster'],
  ['W1H', 51.517, -0.162, 'Westminster'],
  ['W1J', 51.507, -0.144, 'Westminster'],
  ['W1K', 51.511, -0.15, 'Westminster'],
  ['W1S', 51.512, -0.142, 'Westminster'],
  ['W1U', 51.519, -0.154, 'Westminster'],
  ['W1W', 51.521, -0.141, 'Westminster'],
  ['W2', 51.515, -0.18, 'Westminster'],
  ['W9', 51.527, -0.193, 'Westminster'],
  ['WC2E', 51.5115, -0.123, 'Westminster'],
  ['WC2H', 51.513, -0.129, 'Westminster'],
  ['WC2N', 51.509, -0.125, 'Westminster'],
  ['WC2R', 51.511, -0.117, 'Westminster'],
  ['SW1A', 51.503, -0.13, 'Westminster'],
  ['SW1P', 51.495, -0.132, 'Westminster'],
  ['SW1V', 51.49, -0.14, 'Westminster'],
  // Kensington and Chelsea
  ['W10', 51.52, -0.215, 'Kensington and Chelsea'],
  // Southwark
  ['SE1', 51.498, -0.089, 'Southwark'],
  ['SE5', 51.474, -0.092, 'Southwark'],
  ['SE15', 51.471, -0.065, 'Southwark'],
  ['SE16', 51.496, -0.051, 'Southwark'],
  ['SE17', 51.488, -0.093, 'Southwark'],
  // Lambeth
  ['SE11', 51.489, -0.11, 'Lambeth'],
  // Lewisham
  ['SE4', 51.462, -0.035, 'Lewisham'],
  ['SE6', 51.438, -0.017, 'Lewisham'],
  ['SE8', 51.479, -0.028, 'Lewisham'],
  ['SE12', 51.447, 0.024, 'Lewisham'],
  ['SE13', 51.458, -0.011, 'Lewisham'],
  ['SE14', 51.476, -0.042, 'Lewisham'],
  ['SE23', 51.442, -0.048, 'Lewisham'],
  // Greenwich
  ['SE3', 51.47, 0.017, 'Greenwich'],
  ['SE7', 51.484, 0.036, 'Greenwich'],
  ['SE10', 51.482, -0.004, 'Greenwich'],
  ['SE18', 51.486, 0.073, 'Greenwich'],
  ['SE28', 51.504, 0.11, 'Greenwich'],
  // Luton
  ['LU1', 51.873, -0.43, 'Luton'],
  ['LU2', 51.895, -0.385, 'Luton'],
  ['LU3', 51.91, -0.445, 'Luton'],
  ['LU4', 51.902, -0.475, 'Luton'],
  // Bedford (Kempston shares MK42 with south Bedford)
  ['MK40', 52.138, -0.475, 'Bedford'],
  ['MK41', 52.16, -0.455, 'Bedford'],
  ['MK42', 52.115, -0.47, 'Bedford'],
  ['MK44', 52.2, -0.41, 'Bedford'],
  // Central Bedfordshire (MK43 also takes in Bedford's western villages)
  ['LU5', 51.915, -0.52, 'Central Bedfordshire'],
  ['LU6', 51.878, -0.54, 'Central Bedfordshire'],
  ['LU7', 51.915, -0.665, 'Central Bedfordshire'],
  ['MK43', 52.085, -0.57, 'Central Bedfordshire'],
  ['MK45', 52.01, -0.47, 'Central Bedfordshire'],
  ['SG15', 52.008, -0.262, 'Central Bedfordshire'],
  ['SG16', 52.03, -0.3, 'Central Bedfordshire'],
  ['SG17', 52.04, -0.34, 'Central Bedfordshire'],
  ['SG18', 52.08, -0.26, 'Central Bedfordshire'],
  ['SG19', 52.135, -0.27, 'Central Bedfordshire'],
  // Hertfordshire edge of Bedfordshire (SG5 also takes in Stotfold, in Central Bedfordshire)
  ['SG5', 51.955, -0.26, 'North Hertfordshire'],
];

/** Every district in the table, upper case without spaces (e.g. "N17", "EC1V"). */
export const outcodes: readonly Outcode[] = rows.map(([outcode, lat, lng, borough]) =>
  Object.freeze({ outcode, lat, lng, borough }),
);

const byCode = new Map(outcodes.map((o) => [o.outcode, o]));

/** The district for an outcode such as "n17" or " EC1V ", or undefined if it is not in the table. */
export function findOutcode(code: string): Outcode | undefined {
  return byCode.get(code.replace(/\s+/g, '').toUpperCase());
}

// The outward code: area letters (no Q, V, X first; no I, J, Z second), district digit(s) and,
// in central London, a district letter.
// https://en.wikipedia.org/wiki/Postcodes_in_the_United_Kingdom#Formatting
const outward = /^(?:[A-PR-UWYZ]\d[A-HJKPSTUW\d]?|[A-PR-UWYZ][A-HK-Y]\d[ABEHMNPRVWXY\d]?)$/;
// The inward code: sector digit and unit letters (never C, I, K, M, O or V).
const inward = /^\d[ABD-HJLNP-UW-Z]{2}$/;
// A partial inward code someone is still typing, e.g. "N17 6" or "N17 6R".
const partialInward = /^\d[ABD-HJLNP-UW-Z]?$/;

/**
 * The outcode of a full or partial UK postcode ("n17 6ra", "N176RA", "N17", "N17 6"), upper case,
 * or undefined when the text is not a well-formed postcode.
 */
export function outwardCode(postcode: string): string | undefined {
  const text = postcode.trim().toUpperCase().replace(/\s+/g, ' ');
  if (text === '') return undefined;
  const parts = text.split(' ');
  if (parts.length > 2) return undefined;
  const [first, second] = parts as [string, string | undefined];
  if (second !== undefined) {
    if (!outward.test(first)) return undefined;
    return inward.test(second) || partialInward.test(second) ? first : undefined;
  }
  // Without a space the inward code, when present, is always the last three characters.
  if (first.length >= 5 && inward.test(first.slice(-3)) && outward.test(first.slice(0, -3))) {
    return first.slice(0, -3);
  }
  return outward.test(first) ? first : undefined;
}

/** True for a complete postcode ("N17 6RA", "n176ra"), not just its district. */
export function isFullPostcode(text: string): boolean {
  const compact = text.trim().toUpperCase().replace(/\s+/g, '');
  return compact.length >= 5 && inward.test(compact.slice(-3)) && outward.test(compact.slice(0, -3));
}
