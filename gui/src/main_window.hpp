// The main window: scenario and lesson on the left, the four views in the middle,
// run and playback controls below. It never simulates anything itself: the study
// runner runs the library's runner off the UI thread, and playback moves a cursor
// through the recorded run.
#pragma once

#include "study_runner.hpp"
#include "what_if.hpp"

#include <QFont>
#include <QMainWindow>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QSlider;
class QSpinBox;
class QTabWidget;
class QTimer;

namespace immersim::gui {

class compare_view;
class inspector_view;
class lesson_panel;
class scenario_editor;
class side_by_side_view;
class spacetime_view;
class timeline_view;

class main_window : public QMainWindow {
    Q_OBJECT
public:
    explicit main_window(QWidget* parent = nullptr);
    ~main_window() override;

    bool open_file(const QString& path);
    void run_study();        // runs the editor's scenario (if valid)
    void play(bool on);
    void step();             // the next event of the recorded run
    void next_conflict();
    void step_back();                    // the previous event
    void jump_to_landmark(bool forward); // the next (previous) conflict or lost write
    void set_speed(double factor);       // playback: 1 = 1% of the run per second
    void play_tick();                    // what each playback tick does
    // Larger text, marks and lines for a projector (F5 toggles it).
    void set_presentation(bool on);
    bool presentation() const { return presentation_; }
    QComboBox* speed_box() const { return speed_box_; }
    void run_to(time_ns t);
    void set_time(time_ns t); // time travel: the last event at or before t
    void select_record(std::size_t record); // what a click in the diagram does
    // Shows the lost update behind the cursor's event in the space-time diagram
    // and explains it in the inspector; false (and says so) when none is there.
    bool show_lost_update();
    // Records the focus run for another strategy (the study's results stay).
    void set_focus_strategy(std::size_t strategy);
    // What if: the scenario with a fault added at `at` on `node` (5 s long), or
    // without the run's `fault`-th fault, shown in the editor and run again, the
    // cursor kept at the same moment. A fault the nemesis drew is taken away by
    // writing out the nemesis's faults of the focus seed, all but that one. False
    // (and said) when a scenario's fault is not written as a block list item.
    void what_if_add(what_if_fault kind, std::uint32_t node, time_ns at);
    bool what_if_remove(std::size_t fault);
    // What if these nodes (a group of lanes) were cut off from all the others at
    // `at` for 5 s: a partition in two added to the scenario, run again.
    void what_if_cut_off(const std::vector<std::uint32_t>& nodes, time_ns at);
    // A run longer than the trace cap is viewed by windows: the next one (from the
    // last record kept), or the previous one (as long, ending where this begins).
    // False when there is none.
    bool next_window(bool forward);
    // In a world of several documents: the diagram, inspector and playback follow
    // `document` (its number in documents.csv) instead of the first edited one, or
    // every document (recorded_run::all_documents), clients grouped by document.
    // False (and said) when there is no such document or no client edits it in
    // the seed shown.
    bool follow_document(std::uint32_t document);
    // Records a second strategy's run of the same seed for the Side by side view.
    void set_partner_strategy(std::optional<std::size_t> strategy);
    void restart_with_seed(std::uint64_t seed);
    bool export_view(QWidget* view, const QString& path); // .png or .svg by extension
    bool export_results(const QString& folder);           // runs.csv, summary.csv, ...

    std::size_t cursor() const { return cursor_; }
    time_ns cursor_time() const;
    std::shared_ptr<const study_snapshot> snapshot() const { return snapshot_; }
    study_runner& runner() { return runner_; }
    scenario_editor* editor() const { return editor_; }
    lesson_panel* lesson() const { return lesson_; }
    compare_view* compare() const { return compare_; }
    timeline_view* timeline() const { return timeline_; }
    spacetime_view* spacetime() const { return spacetime_; }
    side_by_side_view* side_by_side() const { return side_; }
    inspector_view* inspector() const { return inspector_; }
    QTabWidget* views() const { return views_; }
    void show_lesson_tab(bool lesson); // the left side: the lesson, or the scenario text

private:
    bool what_if_remove_nemesis(const time_band& band);
    void rerun_edited(const QString& text, time_ns moment, const QString& what);
    void build_menus();
    void build_shortcuts();
    QWidget* build_controls();
    void on_finished(std::shared_ptr<const study_snapshot> snapshot);
    void move_cursor(std::size_t record);
    void update_lesson();
    void show_what_the_step_names(const QStringList& names, const QString& text);
    std::optional<std::size_t> strategy_named(const QString& name) const;

    study_runner runner_;
    std::shared_ptr<const study_snapshot> snapshot_;
    std::size_t cursor_ = 0;
    std::optional<time_ns> keep_moment_; // a what-if rerun returns to this moment
    double speed_ = 1.0;
    bool presentation_ = false;
    QFont normal_font_;
    std::optional<std::uint64_t> seed_;

    scenario_editor* editor_ = nullptr;
    lesson_panel* lesson_ = nullptr;
    compare_view* compare_ = nullptr;
    timeline_view* timeline_ = nullptr;
    spacetime_view* spacetime_ = nullptr;
    side_by_side_view* side_ = nullptr;
    inspector_view* inspector_ = nullptr;
    QTabWidget* views_ = nullptr;
    QTabWidget* left_ = nullptr;
    QComboBox* focus_ = nullptr;
    QComboBox* speed_box_ = nullptr;
    QSpinBox* seed_box_ = nullptr;
    QSpinBox* document_box_ = nullptr; // shown for a world of several documents
    QLabel* document_label_ = nullptr;
    QDoubleSpinBox* run_to_box_ = nullptr;
    QSlider* slider_ = nullptr;
    QLabel* time_label_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QTimer* player_ = nullptr;
};

} // namespace immersim::gui
