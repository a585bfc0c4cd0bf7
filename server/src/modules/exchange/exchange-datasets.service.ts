import { PassThrough } from 'node:stream';
import { Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DatasetColumnType, Department, DepartmentLabel, labelOf, Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { forbidden, notFound } from '../../common/errors/app.exception.js';
import { AccountsService } from '../accounts/accounts.service.js';
import type { DatasetDto, DatasetListDto } from './dto/exchange.dto.js';
import { ExchangeDataset } from './entities/exchange-dataset.entity.js';
import { ExcelJS } from './exchange-file.js';
import { ExchangeException } from './exchange.exception.js';

/** Who sends or reads department data, with what reach. Every exchange service method starts from it. */
export interface Sender {
  user: AuthUser;
  /** null: any department (an administrator) */
  department: Department | null;
  /** null: every dataset of the department */
  datasets: string[] | null;
  /** region prefix the sender's rows and batches lie in ('' = everywhere) */
  regionPrefix: string;
  /** whose batch ids are unique together: 'account:<id>' or 'api-key:<id>' */
  key: string;
  accountId: string | null;
  apiKeyId: string | null;
}

const TYPE_HINTS: Record<DatasetColumnType, string> = {
  [DatasetColumnType.ID_NUMBER]: '18位身份证号码（或20/22位残疾人证号），请设为文本格式',
  [DatasetColumnType.STRING]: '文字',
  [DatasetColumnType.INTEGER]: '整数',
  [DatasetColumnType.DECIMAL]: '数字（元）',
  [DatasetColumnType.DATE]: '日期，如 2025-06-01',
  [DatasetColumnType.MONTH]: '月份，如 2025-06',
  [DatasetColumnType.ENUM]: '取值之一',
  [DatasetColumnType.BOOLEAN]: '是 或 否',
};

/** The datasets (configuration as data) and the reach of each caller over them. */
@Injectable()
export class ExchangeDatasetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
  ) {}

  async all(manager: EntityManager = this.dataSource.manager): Promise<ExchangeDataset[]> {
    return manager.getRepository(ExchangeDataset).find({ where: { active: true }, order: { department: 'ASC', code: 'ASC' } });
  }

  async find(code: string, manager: EntityManager = this.dataSource.manager): Promise<ExchangeDataset | null> {
    if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(code ?? '')) return null;
    return manager.getRepository(ExchangeDataset).findOneBy({ code });
  }

  /** The dataset by code, or 400 naming the field. */
  async require(code: string): Promise<ExchangeDataset> {
    const dataset = await this.find(code);
    if (!dataset || !dataset.active) throw ExchangeException.datasetUnknown(code);
    return dataset;
  }

  /** The caller as a sender: administrators (any department), department operators (their department), API keys. */
  async senderOf(user: AuthUser): Promise<Sender> {
    if (user.apiKey) {
      return {
        user,
        department: user.apiKey.department as Department,
        datasets: user.apiKey.datasets,
        regionPrefix: user.regionCode ?? '',
        key: `api-key:${user.apiKey.id}`,
        accountId: null,
        apiKeyId: user.apiKey.id,
      };
    }
    if (user.role === Role.ADMIN) {
      return { user, department: null, datasets: null, regionPrefix: user.regionCode ?? '', key: `account:${user.accountId}`, accountId: user.accountId, apiKeyId: null };
    }
    if (user.role === Role.DEPARTMENT_OPERATOR) {
      const account = await this.accounts.findById(user.accountId);
      if (!account?.department) throw ExchangeException.noDepartment();
      return {
        user,
        department: account.department,
        datasets: null,
        regionPrefix: user.regionCode ?? '',
        key: `account:${user.accountId}`,
        accountId: user.accountId,
        apiKeyId: null,
      };
    }
    throw forbidden('只有行业部门、接口密钥和管理员可以使用数据共享中心');
  }

  mayUse(sender: Sender, dataset: { code: string; department: Department }): boolean {
    if (sender.department && dataset.department !== sender.department) return false;
    return !sender.datasets || sender.datasets.includes(dataset.code);
  }

  /** 403 when the sender may not send (or read) this dataset. */
  assertMayUse(sender: Sender, dataset: ExchangeDataset): void {
    if (!this.mayUse(sender, dataset)) throw ExchangeException.datasetNotAllowed(dataset.name);
  }

  /** GET /exchange/datasets: department operators and keys see theirs, administrators all, cadres all to read (canSend false). */
  async list(user: AuthUser): Promise<DatasetListDto> {
    const datasets = await this.all();
    const sends = !!user.apiKey || user.role === Role.ADMIN || user.role === Role.DEPARTMENT_OPERATOR;
    if (!sends) return { items: datasets.map((d) => this.map(d, false)) };
    const sender = await this.senderOf(user);
    return { items: datasets.filter((d) => this.mayUse(sender, d)).map((d) => this.map(d, true)) };
  }

  /** GET /exchange/datasets/:code/template.xlsx: the header row (and a sheet explaining each column), streamed. */
  async template(user: AuthUser, code: string): Promise<StreamableFile> {
    const dataset = await this.find(code);
    if (!dataset || !dataset.active) throw notFound('数据集');
    if (user.role !== Role.COUNTY_OFFICER) this.assertMayUse(await this.senderOf(user), dataset);
    const out = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(dataset.name.slice(0, 31));
    sheet.columns = dataset.columns.map((column) => ({
      header: column.header,
      key: column.key,
      width: Math.max(12, column.header.length * 3),
      // ID numbers as text, so Excel keeps all 18 characters
      style: column.type === DatasetColumnType.ID_NUMBER ? { numFmt: '@' } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    sheet.commit();
    const help = workbook.addWorksheet('填写说明');
    help.columns = [
      { header: '表头', key: 'header', width: 16 },
      { header: '是否必填', key: 'required', width: 10 },
      { header: '填写要求', key: 'hint', width: 60 },
    ];
    for (const column of dataset.columns) {
      const values = column.type === DatasetColumnType.ENUM ? `：${(column.values ?? []).join('、')}` : '';
      help.addRow({ header: column.header, required: column.required ? '必填' : '选填', hint: `${TYPE_HINTS[column.type]}${values}${column.note ? `（${column.note}）` : ''}` }).commit();
    }
    help.commit();
    void workbook.commit().catch((error: Error) => out.destroy(error));
    return new StreamableFile(out, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="${dataset.code}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${dataset.name}模板.xlsx`)}`,
    });
  }

  map(dataset: ExchangeDataset, canSend: boolean): DatasetDto {
    return {
      code: dataset.code,
      department: dataset.department,
      departmentLabel: labelOf(DepartmentLabel, dataset.department),
      name: dataset.name,
      description: dataset.description,
      columns: dataset.columns.map((c) => ({ ...c })),
      canSend,
      templateUrl: `/api/v1/exchange/datasets/${dataset.code}/template.xlsx`,
    };
  }
}
