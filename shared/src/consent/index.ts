/**
 * The 承诺授权书 a requester accepts before a request is sent (DOMAIN.md, step 1). The apps show this text, the
 * server serves it (GET /api/v1/claims/consent) and refuses a request that accepted a version it does not know.
 * Changing the words means a new version: add it here, keep the old one in ACCEPTED_CLAIM_CONSENT_VERSIONS while
 * phones with the old app may still send it.
 */
export interface ConsentDocument {
  version: string;
  title: string;
  paragraphs: readonly string[];
}

export const CLAIM_CONSENT: ConsentDocument = {
  version: '2025-01',
  title: '防止返贫监测帮扶 承诺授权书',
  paragraphs: [
    '我自愿申请防止返贫监测帮扶。为了核实我家（或我代为申请的那一户）的情况，我承诺并同意以下几点：',
    '一、我填写的家庭人口、收入、困难情况都是真实的。如果隐瞒或者虚报，我愿意承担责任，退回不该得到的帮扶。',
    '二、同意村、乡镇、县的工作人员到家里调查，了解家里的人口、收入、住房、饮水、看病、上学等情况，并拍照留存。',
    '三、同意有关部门查询、核对这一户家庭成员的户籍、社保、医保、住房、车辆、经营、存款等信息。这些信息只用于这次认定和帮扶，不做别的用途。',
    '四、同意在本村公示户主姓名、家庭人口、拟纳入的监测类型和简要理由。公示不会写身份证号、电话、银行账号和病情。',
    '五、家里情况有变化（收入、人口、住房等），会及时告诉村委会。',
    '替别人申请时，我已经告诉对方并得到同意；对方的情况由工作人员上门核实。',
  ],
};

/** Versions a request may still carry (the current one first). */
export const ACCEPTED_CLAIM_CONSENT_VERSIONS: readonly string[] = [CLAIM_CONSENT.version];
