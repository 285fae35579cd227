import { registerEnumType } from '@nestjs/graphql';

/** The seven barriers of the 2007 north-east survey (DESIGN.md), as stored in flags and scores. */
export enum Barrier {
  FLEXIBILITY = 'FLEXIBILITY',
  RECOGNITION = 'RECOGNITION',
  COMMUNICATION = 'COMMUNICATION',
  CONFLICT_RESOLUTION = 'CONFLICT_RESOLUTION',
  ROLE_FIT = 'ROLE_FIT',
  LEADERSHIP = 'LEADERSHIP',
  CONTINUOUS_IMPROVEMENT = 'CONTINUOUS_IMPROVEMENT',
}

export const BARRIERS = Object.values(Barrier);

export enum Severity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}

/** What a flag is about; its id is the flag's subjectId. */
export enum SubjectType {
  LOCALITY = 'LOCALITY',
  PROGRAMME = 'PROGRAMME',
  ORGANISATION = 'ORGANISATION',
  PERSON = 'PERSON',
  CONFLICT = 'CONFLICT',
  ROLE = 'ROLE',
  NOMINATION = 'NOMINATION',
  MEASURE = 'MEASURE',
  IMPROVEMENT_ACTION = 'IMPROVEMENT_ACTION',
  ALIGNMENT_REQUEST = 'ALIGNMENT_REQUEST',
  MILESTONE = 'MILESTONE',
}

registerEnumType(Barrier, {
  name: 'Barrier',
  description: 'One of the seven barriers to partnership working found by the 2007 north-east survey.',
  valuesMap: {
    FLEXIBILITY: { description: 'Organisations not prepared to adapt their systems and processes to a partner’s (47 %).' },
    RECOGNITION: { description: 'Less recognition for partnership success than for internal work (35 %).' },
    COMMUNICATION: { description: 'Partnership activities not widely understood inside member bodies (44 %).' },
    CONFLICT_RESOLUTION: { description: 'No effective process for addressing conflict within a partnership (61 %).' },
    ROLE_FIT: { description: 'Roles not done by the best person for the job (45 %).' },
    LEADERSHIP: { description: 'No single overall leader agreed for each programme (more than a third).' },
    CONTINUOUS_IMPROVEMENT: { description: 'No processes to monitor and improve efficiency and effectiveness (35 %).' },
  },
});
registerEnumType(Severity, { name: 'FlagSeverity', description: 'How much a flag weighs on the health score.' });
registerEnumType(SubjectType, { name: 'FlagSubjectType', description: 'What kind of record a flag is about.' });
