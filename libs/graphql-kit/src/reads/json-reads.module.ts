import { Module } from '@nestjs/common';
import { JsonReads } from './json-reads';

/** One JsonReads for the whole app: the libraries add their types, the API's plugin reads with it. */
@Module({ providers: [JsonReads], exports: [JsonReads] })
export class JsonReadsModule {}
