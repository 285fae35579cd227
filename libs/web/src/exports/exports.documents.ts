/** The GraphQL documents of a locality's register downloads. */

/** The downloads page: the locality, the registers there are (refused to member representatives, in the API's words), and who is looking. */
export const REGISTER_EXPORTS = /* GraphQL */ `query WebRegisterExports($localityId: ID!) {
  me { role }
  locality(id: $localityId) { id name }
  localityRegisters(localityId: $localityId) { register title about maxRows }
}`;

/** One register's CSV file. */
export const REGISTER_CSV = /* GraphQL */ `query WebRegisterCsv($localityId: ID!, $register: LocalityRegister!) {
  localityRegisterCsv(localityId: $localityId, register: $register) { fileName text }
}`;
