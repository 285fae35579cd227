import { registerEnumType } from '@nestjs/graphql';
import { CsvRegister } from '@joinedup/csv';
import { ALIGNMENT_REQUESTS_REGISTER } from '@joinedup/alignment';
import { ACKNOWLEDGEMENTS_REGISTER } from '@joinedup/briefings';
import { CONFLICT_LOG_REGISTER } from '@joinedup/conflicts';
import { OPEN_FLAGS_REGISTER } from '@joinedup/governance';
import { MEASURES_REGISTER, REVIEWS_REGISTER } from '@joinedup/improvement';
import { RECOGNITIONS_REGISTER } from '@joinedup/recognition';
import { MEMBER_BODIES_REGISTER, PEOPLE_REGISTER } from '@joinedup/registry';
import { ROLES_REGISTER } from '@joinedup/roles';

/** The registers a coordinator keeps of a locality, each downloadable as a CSV file. */
export enum LocalityRegister {
  MEMBER_BODIES = 'MEMBER_BODIES',
  PEOPLE = 'PEOPLE',
  ROLES = 'ROLES',
  CONFLICT_LOG = 'CONFLICT_LOG',
  IMPROVEMENT_REVIEWS = 'IMPROVEMENT_REVIEWS',
  IMPROVEMENT_MEASURES = 'IMPROVEMENT_MEASURES',
  BRIEFING_ACKNOWLEDGEMENTS = 'BRIEFING_ACKNOWLEDGEMENTS',
  ALIGNMENT_REQUESTS = 'ALIGNMENT_REQUESTS',
  RECOGNITIONS = 'RECOGNITIONS',
  OPEN_FLAGS = 'OPEN_FLAGS',
}

/** Each register as its owning library describes it; in this order on the page and in lists. */
export const LOCALITY_REGISTERS: Readonly<Record<LocalityRegister, CsvRegister>> = {
  [LocalityRegister.MEMBER_BODIES]: MEMBER_BODIES_REGISTER,
  [LocalityRegister.PEOPLE]: PEOPLE_REGISTER,
  [LocalityRegister.ROLES]: ROLES_REGISTER,
  [LocalityRegister.CONFLICT_LOG]: CONFLICT_LOG_REGISTER,
  [LocalityRegister.IMPROVEMENT_REVIEWS]: REVIEWS_REGISTER,
  [LocalityRegister.IMPROVEMENT_MEASURES]: MEASURES_REGISTER,
  [LocalityRegister.BRIEFING_ACKNOWLEDGEMENTS]: ACKNOWLEDGEMENTS_REGISTER,
  [LocalityRegister.ALIGNMENT_REQUESTS]: ALIGNMENT_REQUESTS_REGISTER,
  [LocalityRegister.RECOGNITIONS]: RECOGNITIONS_REGISTER,
  [LocalityRegister.OPEN_FLAGS]: OPEN_FLAGS_REGISTER,
};

registerEnumType(LocalityRegister, {
  name: 'LocalityRegister',
  description: 'A register of a locality that can be downloaded as CSV (localityRegisterCsv).',
  valuesMap: Object.fromEntries(Object.entries(LOCALITY_REGISTERS).map(([key, register]) => [key, { description: register.about }])),
});

/** The register's part of a file name: CONFLICT_LOG → conflict-log. */
export const registerSlug = (register: LocalityRegister): string => register.toLowerCase().replace(/_/g, '-');
