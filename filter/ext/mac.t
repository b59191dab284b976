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
# packets (kernel and extcheck: nfctl eval has no hardware header)
-4
*mangle
:PREROUTING
-m mac --mac-source 02:00:00:00:77:01;=
>proto=udp mac=02:00:00:00:77:01;match;kernel
-m mac ! --mac-source 02:00:00:00:77:01;=
>proto=udp mac=02:00:00:00:77:01;nomatch;kernel
-m mac --mac-source 02:00:00:00:77:02;=
>proto=udp mac=02:00:00:00:77:01;nomatch;kernel
