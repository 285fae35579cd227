import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DescribedLoaders } from '@joinedup/graphql-kit';
import { LocalityType, OrganisationType, PersonType } from './registry.types';

/**
 * The registry's records by id, for other libraries' resolvers (a programme's locality, a
 * nomination's person): per request, one statement per batch, from the tables and mappers
 * LocalityJsonRead registers. The registry's own relations are resolved by their
 * descriptions (DescribedLoaders), not here.
 */
@Injectable()
export class RegistryLoaders {
  constructor(private readonly described: DescribedLoaders) {}

  organisation(): DataLoader<string, OrganisationType | null> {
    return this.described.byId<OrganisationType>('Organisation');
  }

  locality(): DataLoader<string, LocalityType | null> {
    return this.described.byId<LocalityType>('Locality');
  }

  person(): DataLoader<string, PersonType | null> {
    return this.described.byId<PersonType>('Person');
  }
}
