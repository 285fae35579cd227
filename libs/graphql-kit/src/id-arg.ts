import { Args, ID } from '@nestjs/graphql';
import { PipeTransform } from '@nestjs/common';
import { badInput } from '@joinedup/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class IdPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw badInput(`${this.name} is not a valid id.`, this.name);
    return value.toLowerCase();
  }
}

/** An `ID!` argument that must be a UUID; anything else is BAD_USER_INPUT naming it. */
export const IdArg = (name = 'id') => Args(name, { type: () => ID }, new IdPipe(name));
