package org.warmline.ledger;

/**
 * One row of the case ledger (工单台账): a petition from intake to evaluation and review. Instants are epoch
 * milliseconds with {@link Instants#NONE} for an empty cell; texts are trimmed, {@code null} when empty; codes of
 * units and staff are as written; {@code topic} is normalised by {@link Topic#normalize(String)}.
 *
 * @param caseNo            工单编号, unique
 * @param channel           受理渠道
 * @param category          信访类别
 * @param complex           复杂问题 (empty = false)
 * @param topic             问题类型
 * @param citizenName       用户姓名
 * @param citizenPhone      联系电话
 * @param address           地址
 * @param demand            具体诉求
 * @param occurredAt        发生时间
 * @param submittedAt       提交时间 (required)
 * @param recordedAt        录入时间
 * @param acceptedAt        接单时间
 * @param acceptedBy        接单人 (a staff code)
 * @param dispatchedAt      派单时间
 * @param unit              责任单位 (a unit code)
 * @param handler           责任人 (a staff code)
 * @param contactedAt       联系用户时间
 * @param siteSurvey        需现场勘查 (empty = false)
 * @param surveyedAt        现场勘查时间
 * @param solution          解决方案
 * @param solutionAt        答复/方案时间
 * @param completedAt       完成时间
 * @param resolved          是否解决 (empty = false)
 * @param evaluation        评价结果, the latest evaluation
 * @param evaluationChannel 评价方式
 * @param evaluatedAt       评价时间
 * @param evaluationComment 评价内容
 * @param unsatisfiedAt     不满意评价时间, the latest UNSATISFIED round
 * @param reviewedAt        复核时间
 * @param reviewFinding     复核结论
 * @param rehandledAt       重新办理时间
 * @param explainedAt       补充解释时间
 * @param row               the spreadsheet row it was read from (the header is row 1), for messages
 */
public record CaseRecord(
        String caseNo,
        Channel channel,
        Category category,
        boolean complex,
        String topic,
        String citizenName,
        String citizenPhone,
        String address,
        String demand,
        long occurredAt,
        long submittedAt,
        long recordedAt,
        long acceptedAt,
        String acceptedBy,
        long dispatchedAt,
        String unit,
        String handler,
        long contactedAt,
        boolean siteSurvey,
        long surveyedAt,
        String solution,
        long solutionAt,
        long completedAt,
        boolean resolved,
        EvaluationLevel evaluation,
        EvaluationChannel evaluationChannel,
        long evaluatedAt,
        String evaluationComment,
        long unsatisfiedAt,
        long reviewedAt,
        ReviewFinding reviewFinding,
        long rehandledAt,
        long explainedAt,
        int row) {
}
