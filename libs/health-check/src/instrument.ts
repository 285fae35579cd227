/**
 * The built-in instrument (the seven statements of the 2007 north-east survey), created
 * with this fixed id by migration 1764900000000-health-check.
 */
export const BUILT_IN_INSTRUMENT_ID = '2007a000-0000-4000-8000-000000000001';
