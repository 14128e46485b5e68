// documents.csv: each document's share of each run, for a study with `documents:`.
#include "columns.hpp"
#include "immersim/report/report_output.hpp"

#include <fmt/format.h>

namespace immersim::report {

std::string documents_csv(const report& r) {
    const std::vector<swept_column> columns = swept_columns(r);
    std::string csv = "scenario" + parameter_header(columns) +
                      ",strategy,seed,document,clients,operations,changes,conflicting_changes,"
                      "overwritten_writes,lost_increments,lost_set_adds,resurrected_removes,"
                      "invariant_violations,converged\n";
    for (const run_result& run : r.runs) {
        const std::string lead = fmt::format("{}{},{},{}", csv_field(r.base().name),
                                             parameter_cells(columns, r, run.point),
                                             csv_field(run.strategy_label), run.seed);
        for (const document_result& d : run.documents)
            csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", lead, d.document, d.clients,
                               d.operations, d.changes, d.conflicting_changes, d.overwritten_writes,
                               d.lost_increments, d.lost_set_adds, d.resurrected_removes,
                               d.invariant_violations, d.converged ? 1 : 0);
    }
    return csv;
}

} // namespace immersim::report
