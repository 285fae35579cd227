import { registerEnumType } from '@nestjs/graphql';

export enum Sector {
  LOCAL_AUTHORITY = 'LOCAL_AUTHORITY',
  HEALTH = 'HEALTH',
  CENTRAL_GOVERNMENT = 'CENTRAL_GOVERNMENT',
  POLICE = 'POLICE',
  FIRE_AND_RESCUE = 'FIRE_AND_RESCUE',
  EDUCATION = 'EDUCATION',
  HOUSING = 'HOUSING',
  PRIVATE = 'PRIVATE',
  BUSINESS = 'BUSINESS',
  COMMUNITY = 'COMMUNITY',
  VOLUNTARY = 'VOLUNTARY',
}

registerEnumType(Sector, { name: 'Sector', description: 'The sector a member body belongs to.' });
