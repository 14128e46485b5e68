// What if: a fault added to the scenario at a moment of the run, or one taken
// away, then the study run again from the edited text. Part of main_window.
#include "immersim/net/network.hpp"
#include "main_window.hpp"
#include "scenario_editor.hpp"

#include <QStatusBar>

namespace immersim::gui {

void main_window::what_if_add(what_if_fault kind, std::uint32_t node, time_ns at) {
    if (!snapshot_)
        return;
    constexpr time_ns lasting = 5 * ns_per_s;
    const QString name = QString::fromStdString(snapshot_->focus->node_names.at(node));
    const QString entry = fault_entry(kind, name, at, lasting);
    editor_->set_text(add_fault(editor_->text(), entry), editor_->file_name());
    keep_moment_ = at;
    run_study();
    statusBar()->showMessage("What if: " + entry + " (added to the scenario; running again)");
}

bool main_window::what_if_remove(std::size_t fault) {
    if (!snapshot_ || fault >= snapshot_->focus->faults.size())
        return false;
    const time_band& band = snapshot_->focus->faults[fault];
    // The scenario's own fault that struck then: same moment, same kind.
    const auto& faults = snapshot_->results.base().faults;
    std::optional<std::size_t> index;
    for (std::size_t i = 0; i < faults.size() && !index; ++i)
        if (faults[i].at_ns == band.from_ns &&
            band.what.rfind(net::to_string(faults[i].kind), 0) == 0)
            index = i;
    if (!index) {
        statusBar()->showMessage("Only the scenario's own faults can be taken away: this one is "
                                 "the nemesis's (change its settings in the editor).");
        return false;
    }
    const std::optional<QString> text = remove_fault(editor_->text(), *index);
    if (!text) {
        statusBar()->showMessage("This fault is not written as an item of a 'faults:' block "
                                 "list: take it away in the editor.");
        return false;
    }
    editor_->set_text(*text, editor_->file_name());
    keep_moment_ = band.from_ns;
    run_study();
    statusBar()->showMessage(QString("What if %1 had not happened: taken out of the scenario; "
                                     "running again")
                                 .arg(QString::fromStdString(band.what)));
    return true;
}

} // namespace immersim::gui
