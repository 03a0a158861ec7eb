package org.warmline.ledger;

import java.util.List;

/**
 * A whole ledger data set (docs/ledger.md): every table, validated. A missing table is an empty list.
 *
 * @param units       组织机构
 * @param staff       人员
 * @param cases       工单台账
 * @param regulations 制度建设
 * @param trainings   培训记录
 * @param outages     渠道故障
 * @param tasks       专项任务
 * @param adjustments 人工调整
 */
public record DataSet(List<Unit> units, List<Staff> staff, List<CaseRecord> cases, List<Regulation> regulations,
                      List<Training> trainings, List<Outage> outages, List<SpecialTask> tasks,
                      List<Adjustment> adjustments) {

    public DataSet {
        units = List.copyOf(units);
        staff = List.copyOf(staff);
        cases = cases instanceof ChunkList<?> read && read.isFrozen() ? cases : List.copyOf(cases);
        regulations = List.copyOf(regulations);
        trainings = List.copyOf(trainings);
        outages = List.copyOf(outages);
        tasks = List.copyOf(tasks);
        adjustments = List.copyOf(adjustments);
    }
}
