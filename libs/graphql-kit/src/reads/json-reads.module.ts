import { Module } from '@nestjs/common';
import { DescribedLoaders } from './described-loaders';
import { JsonReads } from './json-reads';

/** One JsonReads for the whole app: the libraries add their types, the API's plugin reads with it, their resolvers load with DescribedLoaders. */
@Module({ providers: [JsonReads, DescribedLoaders], exports: [JsonReads, DescribedLoaders] })
export class JsonReadsModule {}
