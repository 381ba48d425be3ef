/**
 * Synchronisation between a station and the central, read by the technician or manager who looks at
 * a station's sync status, and enrollment of stations.
 */
export const SYNC_ERRORS = {
  'sync.unknownMutation': { 'zh-CN': '未知的同步操作 {name}', en: 'Unknown sync operation {name}.' },
  'sync.appendOnlyDiffers': {
    'zh-CN': '记录 {record} 已存在且内容不同（{fields}），不可覆盖',
    en: 'Record {record} already exists with different content ({fields}) and cannot be overwritten.',
  },
  'sync.appendOnlyUnique': {
    'zh-CN': '记录 {record} 与已有记录冲突',
    en: 'Record {record} conflicts with an existing record.',
  },
  'sync.tooLarge': { 'zh-CN': '请求内容超过 {limit} 字节', en: 'The request is larger than {limit} bytes.' },
  'sync.bodyNotJson': { 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON.' },
  'sync.malformedRequest': { 'zh-CN': '请求格式有误：{problem}', en: 'The request is malformed: {problem}' },
  'sync.badCursor': {
    'zh-CN': '拉取同步需要有效的同步位置（≥ 0）',
    en: 'A pull needs a sync position of 0 or more.',
  },
  'sync.noEndpoint': { 'zh-CN': '没有此接口', en: 'There is no such endpoint.' },
  'sync.internal': {
    'zh-CN': '中心服务内部错误，请联系技术人员',
    en: 'The central server had an internal error. Please call a technician.',
  },
  'sync.pushGap': {
    'zh-CN': '同步数据缺失：第 {mutationId} 项之前的一批在 {seconds} 秒内未到达',
    en: 'Sync data is missing: the batch before item {mutationId} did not arrive within {seconds} seconds.',
  },
  'sync.snapshotBadVersion': {
    'zh-CN': '全量同步需要参数 {name}（版本号 ≥ 0）',
    en: 'The snapshot needs {name} as a version of 0 or more.',
  },
  'sync.snapshotAhead': {
    'zh-CN': '全量同步请求的版本超过中心当前版本',
    en: 'The snapshot asks for a version the central does not have yet.',
  },
  'sync.snapshotRangeReversed': {
    'zh-CN': '全量同步的起始版本晚于截止版本',
    en: 'The snapshot starts after the version it ends at.',
  },
  'sync.cursorTooOld': {
    'zh-CN': '同步位置 {cursor} 早于中心日志保留范围 {horizon}，请重新全量同步',
    en: 'Sync position {cursor} is older than what the central keeps ({horizon}). Take a full snapshot again.',
  },
  'sync.roleIssuesNoTickets': {
    'zh-CN': '此类终端（{role}）不发放票号',
    en: 'This kind of station ({role}) does not issue tickets.',
  },
  'sync.offlineNumbersExhausted': {
    'zh-CN': '今日 {prefix} 离线号段已分配完',
    en: 'Today’s offline {prefix} numbers have all been handed out.',
  },
  'sync.leaseNotYours': {
    'zh-CN': '没有本终端领取的这段 {prefix} 离线号',
    en: 'This station holds no such block of offline {prefix} numbers.',
  },
  'sync.leaseAlreadyReturned': {
    'zh-CN': '这段 {prefix} 离线号已按另一个用量归还',
    en: 'This block of offline {prefix} numbers was already given back with a different count.',
  },
  'sync.leaseReturnOutOfRange': {
    'zh-CN': '归还的 {prefix} 离线号不在所领号段之内',
    en: 'The returned {prefix} numbers lie outside the block that was leased.',
  },
  'sync.leaseNumbersPrinted': {
    'zh-CN': '要归还的 {prefix} 离线号中已有打印的票号',
    en: 'Some of the {prefix} numbers being given back were already printed on tickets.',
  },
  'sync.selfRevoke': { 'zh-CN': '不能吊销本终端', en: 'A station cannot revoke itself.' },
  'sync.enrollRateLimited': {
    'zh-CN': '注册尝试过多，请 {seconds} 秒后再试',
    en: 'Too many wrong enrollment codes from this address. Try again in {seconds} seconds.',
  },
  'sync.enrollCodeUnknown': { 'zh-CN': '注册码无效', en: 'This enrollment code is not valid.' },
  'sync.enrollCodeUsed': { 'zh-CN': '注册码已使用', en: 'This enrollment code has already been used.' },
  'sync.enrollCodeExpired': { 'zh-CN': '注册码已过期', en: 'This enrollment code has expired.' },
  'sync.enrolledElsewhere': { 'zh-CN': '该终端已注册到其他营业厅', en: 'This station is enrolled in another hall.' },
  'sync.tokenMissing': { 'zh-CN': '未授权：缺少令牌', en: 'Not authorised: the request carries no token.' },
  'sync.tokenUnknown': { 'zh-CN': '未授权：未知终端', en: 'Not authorised: this station is not known.' },
  'sync.stationRevoked': {
    'zh-CN': '未授权：终端已于 {revokedAt} 被吊销',
    en: 'Not authorised: this station was revoked on {revokedAt}.',
  },
  'sync.adminRoleRefused': {
    'zh-CN': '此类终端（{role}）不能管理终端',
    en: 'This kind of station ({role}) may not manage stations.',
  },
  'sync.batchOtherStation': {
    'zh-CN': '同步数据所属终端与其凭证不符',
    en: 'The sync data names a different station than its credentials.',
  },
  'sync.batchOtherHall': {
    'zh-CN': '同步数据所属营业厅与其凭证不符',
    en: 'The sync data names a different hall than its credentials.',
  },
  'sync.mutationMissing': {
    'zh-CN': '同步数据缺失：第 {mutationId} 项之前缺少第 {expected} 项',
    en: 'Sync data is missing: item {expected} did not arrive before item {mutationId}.',
  },
  'sync.rolePushRefused': {
    'zh-CN': '此类终端（{role}）不能提交「{name}」',
    en: 'This kind of station ({role}) may not send “{name}”.',
  },
  'sync.replayMismatch': {
    'zh-CN': '重发的第 {mutationId} 项与已应用的内容不同，整批未应用',
    en: 'Item {mutationId} was sent again with content different from what was applied; nothing of the batch was applied.',
  },
  'sync.mutationOtherHall': { 'zh-CN': '该操作属于另一营业厅', en: 'This change belongs to another hall.' },
  'sync.recordOtherHall': { 'zh-CN': '记录 {record} 属于另一营业厅', en: 'Record {record} belongs to another hall.' },
  'sync.noCentral': { 'zh-CN': '本机未连接中心', en: 'This station is not connected to a central server.' },
  'sync.centralUnreachable': {
    'zh-CN': '无法连接中心，请稍后再试',
    en: 'The central server cannot be reached. Please try again later.',
  },
  'sync.centralRefused': {
    'zh-CN': '中心拒绝了该操作，请联系技术人员',
    en: 'The central server refused this. Please call a technician.',
  },
  'sync.notEnrolled': {
    'zh-CN': '未授权：本终端尚未注册，请用主任页面生成的注册码启动本机',
    en: 'Not authorised: this station is not enrolled. Start it with an enrollment code from the manager page.',
  },
  'sync.enrollCodeOtherHall': {
    'zh-CN': '该注册码属于营业厅 {codeHall}，本终端属于营业厅 {stationHall}',
    en: 'This enrollment code is for hall {codeHall}; this station belongs to hall {stationHall}.',
  },
} as const;
