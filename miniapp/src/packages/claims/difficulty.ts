import { DifficultyKind, DifficultyKindLabel } from '@jiuzhu/shared/enums'
import education from './icons/education.svg'
import employment from './icons/employment.svg'
import housing from './icons/housing.svg'
import living from './icons/living.svg'
import medical from './icons/medical.svg'
import water from './icons/water.svg'

/** The six groups of difficulty with their icons and a few words each, in the order of the tiles. */
export const DIFFICULTIES: { kind: DifficultyKind; label: string; icon: string; example: string }[] = [
  { kind: DifficultyKind.LIVING, label: DifficultyKindLabel.LIVING, icon: living, example: '吃穿、灾害、意外' },
  { kind: DifficultyKind.EMPLOYMENT, label: DifficultyKindLabel.EMPLOYMENT, icon: employment, example: '没活干、没收入' },
  { kind: DifficultyKind.EDUCATION, label: DifficultyKindLabel.EDUCATION, icon: education, example: '上学费用' },
  { kind: DifficultyKind.MEDICAL, label: DifficultyKindLabel.MEDICAL, icon: medical, example: '看病、残疾' },
  { kind: DifficultyKind.HOUSING, label: DifficultyKindLabel.HOUSING, icon: housing, example: '房子不安全' },
  { kind: DifficultyKind.WATER, label: DifficultyKindLabel.WATER, icon: water, example: '吃水困难' },
]

export function difficultyLabel(kind: DifficultyKind | null): string {
  return kind ? `${DifficultyKindLabel[kind]}困难` : '困难申请'
}
