import { Args, ID } from '@nestjs/graphql';
import { PipeTransform } from '@nestjs/common';
import { badInput } from '@joinedup/errors';
import { InputReason } from './graphql-kit.errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class IdPipe implements PipeTransform<string | null | undefined, string | null> {
  constructor(
    private readonly name: string,
    private readonly nullable: boolean,
  ) {}

  transform(value: string | null | undefined): string | null {
    if (this.nullable && value == null) return null;
    if (typeof value !== 'string' || !UUID.test(value)) throw badInput(`${this.name} is not a valid id.`, this.name, InputReason.INVALID_ID);
    return value.toLowerCase();
  }
}

/** An `ID!` argument (or `ID` when nullable) that must be a UUID; anything else is BAD_USER_INPUT naming it. */
export const IdArg = (name = 'id', { nullable = false } = {}) =>
  Args(name, { type: () => ID, nullable }, new IdPipe(name, nullable));
