# mac match
-4
*filter
:INPUT,FORWARD
-m mac --mac-source 00:11:22:33:44:55;=
-m mac ! --mac-source 00:11:22:33:44:5F;-m mac ! --mac-source 00:11:22:33:44:5f
-m mac --mac-source 0:1:2:3:4:5;-m mac --mac-source 00:01:02:03:04:05
-m mac --mac-source 00:11:22:33:44;FAIL;Invalid MAC address specified.
-m mac --mac-source 00:11:22:33:44:55:66;FAIL;Invalid MAC address specified.
-m mac --mac-source XX:XX:XX:XX:XX:XX;FAIL;Invalid MAC address specified.
-m mac --mac-source 00-11-22-33-44-55;FAIL;Invalid MAC address specified.
-m mac --mac-source 100:11:22:33:44:55;FAIL;Invalid MAC address specified.
-m mac;FAIL;mac: option "--mac-source" must be specified
:OUTPUT
-m mac --mac-source 00:11:22:33:44:55;FAIL;@commit
*mangle
:PREROUTING
-m mac --mac-source aa:bb:cc:dd:ee:ff;=
:POSTROUTING
-m mac --mac-source aa:bb:cc:dd:ee:ff;FAIL;@commit
-6
*filter
:INPUT
-m mac --mac-source 00:11:22:33:44:55;=
