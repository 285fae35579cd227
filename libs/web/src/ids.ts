/** An id as the API writes it (a UUID): anything else in an address or a form is no record. */
export const isId = (raw: unknown): raw is string =>
  typeof raw === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw);
