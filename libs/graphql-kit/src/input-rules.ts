import { applyDecorators } from '@nestjs/common';
import { IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Transform } from 'class-transformer';

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** A required name: trimmed, 1 to `max` characters. */
export const IsName = (max = 200) =>
  applyDecorators(trim, IsString(), Length(1, max, { message: ({ property }) => `${property} must be 1 to ${max} characters long` }));

/** Optional free text of at most `max` characters. */
export const IsOptionalText = (max: number) =>
  applyDecorators(trim, IsOptional(), IsString(), MaxLength(max, { message: ({ property }) => `${property} must be at most ${max} characters long` }));

/** A calendar date written YYYY-MM-DD. */
export const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const IsCalendarDate = () =>
  applyDecorators(
    Matches(CALENDAR_DATE, {
      message: ({ property }) => `${property} must be a date written YYYY-MM-DD`,
    }),
  );

/** The id of a record: a UUID, else BAD_USER_INPUT naming the field. */
export const IsId = (options: { each?: boolean } = {}) =>
  IsUUID('all', { each: options.each, message: ({ property }) => `${property} must be ${options.each ? 'ids' : 'an id'}` });
