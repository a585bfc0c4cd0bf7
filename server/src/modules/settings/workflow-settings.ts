/**
 * The deadline and notice settings of the identification workflow (DOMAIN.md "The six-step identification
 * procedure"). Their values are data (table workflow_settings: a province row per key, overridable per prefecture
 * or county); this list only names them and bounds what an administrator may enter.
 */
export const WORKFLOW_SETTING_KEYS = [
  'decisionDays',
  'analysisWorkingDays',
  'minNoticeDays',
  'escalateAfterDays',
  'ticketAckWorkingDays',
] as const;

export type WorkflowSettingKey = (typeof WORKFLOW_SETTING_KEYS)[number];

/** The settings in force for one region (the most specific row of each key). */
export type WorkflowSettings = Record<WorkflowSettingKey, number>;

export interface WorkflowSettingDefinition {
  label: string;
  unit: '天' | '个工作日';
  /** input bounds (what is sane to type), not business rules */
  min: number;
  max: number;
}

export const WORKFLOW_SETTING_DEFINITIONS: Record<WorkflowSettingKey, WorkflowSettingDefinition> = {
  decisionDays: { label: '从发现线索到县级确定的期限', unit: '天', min: 1, max: 90 },
  analysisWorkingDays: { label: '受理后开始综合分析研判的期限', unit: '个工作日', min: 1, max: 30 },
  minNoticeDays: { label: '评议公示的最少天数', unit: '天', min: 1, max: 30 },
  escalateAfterDays: { label: '未办结超过此天数即上报上一级', unit: '天', min: 1, max: 90 },
  ticketAckWorkingDays: { label: '热线工单的受理期限', unit: '个工作日', min: 1, max: 30 },
};

export const isWorkflowSettingKey = (key: string): key is WorkflowSettingKey =>
  (WORKFLOW_SETTING_KEYS as readonly string[]).includes(key);
