/**
 * Great-circle distance in km. The ground truth keeps its own copy rather than importing the
 * retriever's: a bug shared by the judge and the judged would go unnoticed.
 */
export function haversineKm(from: { lat: number; lon: number }, to: { lat: number; lon: number }): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const halfChordSquared =
    Math.sin(radians(to.lat - from.lat) / 2) ** 2 +
    Math.cos(radians(from.lat)) * Math.cos(radians(to.lat)) * Math.sin(radians(to.lon - from.lon) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(halfChordSquared)));
}
