import { Injectable, PipeTransform } from '@nestjs/common';
import { validationFailed } from '../../common/errors/app.exception.js';

/** A region code in the path: 2 to 15 digits, else 400 (never a query with garbage). */
@Injectable()
export class RegionCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[0-9]{2,15}$/.test(value)) throw validationFailed([{ field: 'code', message: '地区代码应为2到15位数字' }]);
    return value;
  }
}
