import { Field, Int, ObjectType } from '@nestjs/graphql';
import { LocalityRegister } from './locality-register';

@ObjectType('LocalityRegisterInfo', { description: 'A register of a locality that can be downloaded, and what it holds.' })
export class LocalityRegisterInfoType {
  @Field(() => LocalityRegister)
  register!: LocalityRegister;

  @Field({ description: 'What a person calls it ("Conflict log").' })
  title!: string;

  @Field({ description: 'One sentence: what a row is.' })
  about!: string;

  @Field(() => Int, { description: 'Rows written at most; a register with more is cut there (RegisterCsv.truncated).' })
  maxRows!: number;
}

@ObjectType('RegisterCsv', { description: 'A register as an RFC 4180 CSV file.' })
export class RegisterCsvType {
  @Field(() => LocalityRegister)
  register!: LocalityRegister;

  @Field({ description: 'A file name of letters, digits, hyphens and dots: the register, the locality code and the day (UTC).' })
  fileName!: string;

  @Field({
    description:
      'The CSV text: a header row, then the rows, CRLF line ends, fields quoted as RFC 4180 says and any field that starts ' +
      'with = + - @, tab or CR prefixed with an apostrophe so that no spreadsheet runs it as a formula. Without a byte order ' +
      'mark: prefix U+FEFF when saving it for Excel (the web download does).',
  })
  text!: string;

  @Field(() => Int, { description: 'Rows written, not counting the header.' })
  rowCount!: number;

  @Field({ description: 'True when the register has more rows than maxRows and only the first maxRows were written.' })
  truncated!: boolean;
}
