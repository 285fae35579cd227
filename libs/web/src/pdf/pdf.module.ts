import { Module } from '@nestjs/common';
import { PdfPrinter } from './pdf-printer';

/** The api's PDF printer: one per process, closed with the app. */
@Module({ providers: [PdfPrinter], exports: [PdfPrinter] })
export class PdfModule {}
