/**
 * Locality reads that JsonReads answers in one statement (the dashboard, and every field
 * it knows with aliases and fragments), as selections: `asQuery` makes them documents.
 */
export const JSON_READ_SHAPES: Record<string, string> = {
  dashboard: `locality(id: $id) { name code activeMemberCount
    members { joinedOn organisation { name sector people { fullName jobTitle } } }
    programmes { name status participants { name } leader { agreedAt reconfirmBy person { fullName } } } }`,
  'every field it knows, with aliases and fragments': `here: locality(id: $id) { __typename id region archivedAt ...Counts
    members { id leftOn locality { code } organisation { id externalRef ...Body people { id email organisation { name }
      competencies { name level } ...Person } } }
    programmes { __typename id purpose startsOn endsOn reviewCadenceDays leaderTermMonths locality { name }
      leader { id nominationId agreedAt steppedDownAt stepDownReason person { ...Person } }
      participants { ...Body } } }
    fragment Counts on Locality { activeMemberCount size: activeMemberCount }
    fragment Body on Organisation { name sector }
    fragment Person on Person { fullName jobTitle }`,
};

/** A shape as a query document taking the locality's `$id`. */
export const asQuery = (shape: string): string => {
  const [selection, ...fragments] = shape.split(/(?=fragment )/);
  return `query($id: ID!) { ${selection} } ${fragments.join(' ')}`;
};

/** A name whose JSON text needs escapes (quotes, backslash, control characters) and is beyond ASCII. */
export const UNUSUAL_NAME = 'Ann "Nan" O\'Neil \\ tab\tline\nbell\u0007 \u2028 Żaneta ✓ 😀';
