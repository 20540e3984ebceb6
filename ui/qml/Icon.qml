import QtQuick
import QtQuick.Shapes
import Orchestrator.Ui

// One of the bundled line icons (ui/icons), drawn as a stroked shape in any colour and size.
Item {
    id: icon
    required property string name
    property color color: Theme.text
    property real size: 24

    implicitWidth: size
    implicitHeight: size

    Shape {
        width: 24
        height: 24
        scale: icon.size / 24
        transformOrigin: Item.TopLeft
        antialiasing: true
        ShapePath {
            strokeColor: icon.color
            strokeWidth: 1.75
            fillColor: "transparent"
            capStyle: ShapePath.RoundCap
            joinStyle: ShapePath.RoundJoin
            PathSvg { path: IconSet.path(icon.name) }
        }
    }
}
